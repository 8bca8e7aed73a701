//! # A two-thread executor: tasks shared through a channel
//!
//! Write [`Executor`], an executor whose tasks run on **two worker threads** at once,
//! the way tokio's multi-threaded runtime runs them on several: a channel
//! ([`std::sync::mpsc`]) carries the tasks that are ready, and both workers take tasks
//! from it.
//!
//! - [`Executor::new`] creates the channel and starts the 2 worker threads. The two
//!   share the receiving end (an `Arc<Mutex<Receiver<...>>>`). A worker, in a loop:
//!   locks the receiver, takes one message (`recv`), **releases the lock**, and only
//!   then polls the task. Holding the lock while it polls would make the other worker
//!   wait, and the tasks would run one at a time.
//! - A task's waker is the task itself (implement [`std::task::Wake`]): `wake` sends the
//!   task (`Arc<Task>`) through the channel again, whichever thread calls it. It never
//!   polls the task itself: the task may be in the middle of a poll on a worker right
//!   now (a task that wakes itself during its poll), and a worker will take it from the
//!   channel. Several wake-ups before the next poll count as one (remember whether the
//!   task is already in the channel); a task is polled once after `spawn` and then once
//!   per wake-up, never busy-polled, and never again once it has completed. Two workers
//!   must never poll one task at the same time: keep its future behind a `Mutex`.
//! - [`Executor::spawn`]`(future)` sends the new task through the channel and returns a
//!   [`JoinHandle`]; [`JoinHandle::join`] blocks the calling thread until the task has
//!   finished and returns its output (send it through a channel of its own). Dropping the
//!   handle detaches the task.
//! - [`Executor::shutdown`] stops both workers (they finish the poll they are in) and
//!   waits for them; tasks not finished by then are dropped. Send the workers a "stop"
//!   message, one per worker, through the same channel (an `enum` of `Run(task)` and
//!   `Stop`, or an `Option`).
//!
//! Why `spawn` asks for `F: Send + 'static` and `F::Output: Send + 'static`: the future
//! moves to another thread (a worker) and may move between the two workers at every
//! wake-up; its output comes back to the thread that calls `join`; and it may run after
//! `spawn`'s caller has returned, so it must not borrow anything. Without those bounds
//! the worker threads do not compile.
//!
//! ```text
//! let executor = Executor::new();
//! let a = executor.spawn(async { 20 });
//! let b = executor.spawn(async { 22 });
//! a.join() + b.join() == 42
//! executor.shutdown();
//! ```
//!
//! The tests prove that two tasks run at the same time: each blocks its worker in a
//! rendezvous that opens only when both are there (blocking inside a task is a bug in
//! real code; here it makes "at the same time" visible).

use std::future::Future;

// Your task struct (it implements `Wake`), the messages, and the workers' loop.

/// An executor with two worker threads.
pub struct Executor {
    // The fields you need: the sending end of the channel, the workers.
}

/// The output of a spawned task. Dropping it detaches the task.
pub struct JoinHandle<T> {
    // The fields you need.
    _output: std::marker::PhantomData<T>,
}

impl Executor {
    /// Starts the two worker threads.
    pub fn new() -> Executor {
        todo!("a channel, its receiver shared by two threads")
    }

    /// Sends `future` to the workers as a new task; returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        todo!("wrap the future so that it sends its output; send the task")
    }

    /// Stops both workers and waits for them.
    pub fn shutdown(self) {
        todo!("one Stop per worker, then join them")
    }
}

impl Default for Executor {
    fn default() -> Executor {
        Executor::new()
    }
}

impl<T> JoinHandle<T> {
    /// Blocks until the task has finished; its output.
    ///
    /// # Panics
    ///
    /// If the task was dropped before it finished (it panicked, or the executor was shut
    /// down).
    pub fn join(self) -> T {
        todo!("wait for the output on the handle's channel")
    }
}
