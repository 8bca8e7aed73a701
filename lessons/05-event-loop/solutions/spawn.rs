//! # `spawn`: a run queue of tasks, and a `JoinHandle`
//!
//! Write [`Executor`], a single-threaded executor of many tasks, asyncio's
//! `loop.create_task(coroutine)` and tokio's `spawn`, and [`JoinHandle`], the future of a
//! task's output.
//!
//! A *task* is a spawned future together with what the executor needs to run it: the
//! future itself (boxed and pinned, `Pin<Box<dyn Future<Output = ()> + Send>>`, once it
//! is wrapped to store its output) and a way back into the **run queue**, the queue of
//! tasks that are ready to be polled. The task's waker is the task itself: implement
//! [`std::task::Wake`] for your task struct, and make `wake` push the task (an
//! `Arc<Task>`) onto the run queue.
//!
//! - [`Executor::spawn`]`(future)` wraps the future in a task, puts it on the run queue,
//!   and returns a [`JoinHandle`]. It does not poll the future: like `create_task`, the
//!   task runs when the executor runs.
//! - [`Executor::run`] pops tasks from the run queue and polls each once with its own
//!   waker, until the queue is empty, then returns. A task that returns `Pending` is not
//!   put back by the executor: only its waker puts it back. A task that is `Pending` and
//!   never woken is left alone (polled once), and `run` still returns.
//! - **Polled exactly when woken.** A task is polled once after `spawn` and then once per
//!   wake-up: a task woken 3 times, each time between two polls, is polled 4 times.
//!   Several wake-ups that come before the task is polled again count as one (remember
//!   in the task whether it is already queued).
//! - **A finished task stays finished.** When a task's future returns `Ready`, drop it
//!   (an `Option` you set to `None`). A late wake-up of a finished task (its waker may be
//!   kept by anyone) is harmless: the task is skipped, never polled again (polling a
//!   finished future may panic, "polled after completion").
//! - [`JoinHandle<T>`] is a future of the task's output: `Ready(output)` once the task
//!   has finished; before that, `Pending`, after storing the waker it was polled with,
//!   which the task wakes when it finishes. The task stores its output and the waker
//!   in a place both share (an `Arc<Mutex<...>>`); take the waker out and release the
//!   lock before you call it.
//! - **Dropping a `JoinHandle` detaches the task**, as in tokio: the task still runs to
//!   the end; only its output is thrown away. It does not cancel the task.
//! - Never hold the run queue's lock while you poll a task: a task that wakes itself
//!   during its poll locks the queue too.
//!
//! ```text
//! let executor = Executor::new();
//! let handle = executor.spawn(async { 6 * 7 });
//! let printer = executor.spawn(async move { println!("{}", handle.await) });
//! executor.run();     // prints 42
//! ```

use std::future::Future;
use std::pin::Pin;
// begin solution
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
// starter:
// use std::task::{Context, Poll};
// end solution

// begin solution
/// The tasks ready to be polled.
type RunQueue = Arc<Mutex<VecDeque<Arc<Task>>>>;

/// A spawned future and its way back into the run queue.
struct Task {
    /// `None` once the future has completed.
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    queue: RunQueue,
    /// On the run queue already: a wake-up has nothing more to do.
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.queue.lock().unwrap().push_back(self.clone());
        }
    }
}

/// What a task and its `JoinHandle` share.
struct JoinState<T> {
    output: Option<T>,
    waker: Option<Waker>,
}
// starter:
// // Your task struct (it implements `Wake`), and what a task shares with its handle.
// end solution

/// A single-threaded executor: a run queue of tasks.
pub struct Executor {
    // begin solution
    queue: RunQueue,
    // starter:
    // // The fields you need: the run queue.
    // end solution
}

/// The output of a spawned task, as a future. Dropping it detaches the task.
pub struct JoinHandle<T> {
    // begin solution
    state: Arc<Mutex<JoinState<T>>>,
    // starter:
    // // The fields you need: what the handle shares with its task.
    // _output: std::marker::PhantomData<T>,
    // end solution
}

impl Executor {
    /// An executor with no task.
    pub fn new() -> Executor {
        // begin solution: an empty run queue
        Executor {
            queue: Arc::default(),
        }
        // end solution
    }

    /// Queues `future` as a new task (without polling it) and returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        // begin solution: wrap the future so that it stores its output and wakes the handle; queue it
        let state = Arc::new(Mutex::new(JoinState {
            output: None,
            waker: None,
        }));
        let shared = state.clone();
        let wrapped = async move {
            let output = future.await;
            let waker = {
                let mut state = shared.lock().unwrap();
                state.output = Some(output);
                state.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        };
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(wrapped))),
            queue: self.queue.clone(),
            queued: AtomicBool::new(true),
        });
        self.queue.lock().unwrap().push_back(task);
        JoinHandle { state }
        // end solution
    }

    /// Polls the queued tasks, each with its own waker, until the run queue is empty.
    pub fn run(&self) {
        // begin solution: pop a task (lock released), poll it once; drop its future when Ready
        loop {
            let task = self.queue.lock().unwrap().pop_front();
            let Some(task) = task else {
                return;
            };
            task.queued.store(false, Ordering::SeqCst);
            let waker = Waker::from(task.clone());
            let mut cx = Context::from_waker(&waker);
            let mut slot = task.future.lock().unwrap();
            if let Some(future) = slot.as_mut() {
                if future.as_mut().poll(&mut cx).is_ready() {
                    *slot = None;
                }
            }
        }
        // end solution
    }
}

impl Default for Executor {
    fn default() -> Executor {
        Executor::new()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // begin solution: the output if it is there; otherwise store the waker and wait
        let mut state = self.state.lock().unwrap();
        match state.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
        // end solution
    }
}
