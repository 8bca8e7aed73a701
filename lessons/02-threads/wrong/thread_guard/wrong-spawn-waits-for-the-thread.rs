// Joins the thread inside `spawn` and keeps its result for later: nothing can be
// left running, but the caller waits for the whole thread before it goes on.
//
// expect: failed
// message: `spawn` must return at once

use std::panic;
use std::thread;

/// Owns a thread; joins it when dropped, and re-raises its panic.
#[derive(Debug)]
pub struct ThreadGuard<T> {
    /// What the thread ended with; `None` once `join` took it.
    outcome: Option<thread::Result<T>>,
}

impl<T: Send + 'static> ThreadGuard<T> {
    /// Starts `f` on a new thread and guards it.
    pub fn spawn<F>(f: F) -> ThreadGuard<T>
    where
        F: FnOnce() -> T + Send + 'static,
    {
        ThreadGuard {
            outcome: Some(thread::spawn(f).join()),
        }
    }

    /// Waits for the thread and returns its result; re-raises its panic.
    pub fn join(mut self) -> T {
        match self.outcome.take().expect("a guard is joined only once") {
            Ok(value) => value,
            Err(payload) => panic::resume_unwind(payload),
        }
    }
}

impl<T> Drop for ThreadGuard<T> {
    fn drop(&mut self) {
        if let Some(Err(payload)) = self.outcome.take() {
            if !thread::panicking() {
                panic::resume_unwind(payload);
            }
        }
    }
}
