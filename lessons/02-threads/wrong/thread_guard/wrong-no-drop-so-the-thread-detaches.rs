// Has no `Drop`: a guard that is dropped without `join` drops its `JoinHandle`,
// which detaches the thread instead of waiting for it.
//
// expect: failed
// message: `drop` must join the thread

use std::panic;
use std::thread::{self, JoinHandle};

/// Owns a thread; joins it when dropped, and re-raises its panic.
#[derive(Debug)]
pub struct ThreadGuard<T> {
    handle: JoinHandle<T>,
}

impl<T: Send + 'static> ThreadGuard<T> {
    /// Starts `f` on a new thread and guards it.
    pub fn spawn<F>(f: F) -> ThreadGuard<T>
    where
        F: FnOnce() -> T + Send + 'static,
    {
        ThreadGuard {
            handle: thread::spawn(f),
        }
    }

    /// Waits for the thread and returns its result; re-raises its panic.
    pub fn join(self) -> T {
        match self.handle.join() {
            Ok(value) => value,
            Err(payload) => panic::resume_unwind(payload),
        }
    }
}
