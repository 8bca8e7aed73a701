// `join` and `drop` share one helper, `finish`, that joins the thread if nobody has yet
// and hands back its outcome; each decides what to do with a panic (`drop` with a match
// guard on `thread::panicking()`).

use std::panic;
use std::thread::{self, JoinHandle};

/// Owns a thread; joins it when dropped, and re-raises its panic.
#[derive(Debug)]
pub struct ThreadGuard<T> {
    /// The thread; `None` once it has been joined.
    handle: Option<JoinHandle<T>>,
}

impl<T: Send + 'static> ThreadGuard<T> {
    /// Starts `f` on a new thread and guards it.
    pub fn spawn<F>(f: F) -> ThreadGuard<T>
    where
        F: FnOnce() -> T + Send + 'static,
    {
        ThreadGuard {
            handle: Some(thread::spawn(f)),
        }
    }

    /// Waits for the thread and returns its result; re-raises its panic.
    pub fn join(mut self) -> T {
        match self.finish() {
            Some(Ok(value)) => value,
            Some(Err(payload)) => panic::resume_unwind(payload),
            None => unreachable!("the handle is only taken by `finish`"),
        }
    }
}

impl<T> ThreadGuard<T> {
    /// Joins the thread if it was not joined yet.
    fn finish(&mut self) -> Option<thread::Result<T>> {
        self.handle.take().map(JoinHandle::join)
    }
}

impl<T> Drop for ThreadGuard<T> {
    fn drop(&mut self) {
        match self.finish() {
            Some(Err(payload)) if !thread::panicking() => panic::resume_unwind(payload),
            _ => {}
        }
    }
}
