// Re-raises the thread's panic with `expect`, which panics with a message of its own
// (`the guarded thread panicked: Any { .. }`): the thread's own message is lost.
//
// expect: failed
// message: std::panic::resume_unwind(payload)

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
        handle.join().expect("the guarded thread panicked")
    }
}

impl<T> Drop for ThreadGuard<T> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            let outcome = handle.join();
            if !thread::panicking() {
                outcome.expect("the guarded thread panicked");
            }
        }
    }
}
