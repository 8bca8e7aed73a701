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
use std::task::{Context, Poll};

// Your task struct (it implements `Wake`), and what a task shares with its handle.

/// A single-threaded executor: a run queue of tasks.
pub struct Executor {
    // The fields you need: the run queue.
}

/// The output of a spawned task, as a future. Dropping it detaches the task.
pub struct JoinHandle<T> {
    // The fields you need: what the handle shares with its task.
    _output: std::marker::PhantomData<T>,
}

impl Executor {
    /// An executor with no task.
    pub fn new() -> Executor {
        todo!("an empty run queue")
    }

    /// Queues `future` as a new task (without polling it) and returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        todo!("wrap the future so that it stores its output and wakes the handle; queue it")
    }

    /// Polls the queued tasks, each with its own waker, until the run queue is empty.
    pub fn run(&self) {
        todo!("pop a task (lock released), poll it once; drop its future when Ready")
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
        todo!("the output if it is there; otherwise store the waker and wait")
    }
}
