// Returns from `drop` at once while the caller is panicking, to stay out of the way of
// the unwinding: no abort, but the thread is not joined and runs on, detached.
//
// expect: failed
// message: `drop` must join the thread while the caller unwinds too

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
        let handle = self.handle.take().expect("a guard is joined only once");
        match handle.join() {
            Ok(value) => value,
            Err(payload) => panic::resume_unwind(payload),
        }
    }
}

impl<T> Drop for ThreadGuard<T> {
    fn drop(&mut self) {
        if thread::panicking() {
            return;
        }
        if let Some(handle) = self.handle.take() {
            if let Err(payload) = handle.join() {
                panic::resume_unwind(payload);
            }
        }
    }
}
