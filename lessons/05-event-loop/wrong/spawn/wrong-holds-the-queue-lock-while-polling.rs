// Locks the run queue once in `run` and polls the tasks with the guard held: a task that
// wakes itself during its poll locks the queue to push itself back, and waits for its own
// executor forever.
//
// expect: failed
// message: lock held while a task is polled

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

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

/// A single-threaded executor: a run queue of tasks.
pub struct Executor {
    queue: RunQueue,
}

/// The output of a spawned task, as a future. Dropping it detaches the task.
pub struct JoinHandle<T> {
    state: Arc<Mutex<JoinState<T>>>,
}

impl Executor {
    /// An executor with no task.
    pub fn new() -> Executor {
        Executor {
            queue: Arc::default(),
        }
    }

    /// Queues `future` as a new task (without polling it) and returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
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
    }

    /// Polls the queued tasks, each with its own waker, until the run queue is empty.
    pub fn run(&self) {
        let mut queue = self.queue.lock().unwrap();
        while let Some(task) = queue.pop_front() {
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
        let mut state = self.state.lock().unwrap();
        match state.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
