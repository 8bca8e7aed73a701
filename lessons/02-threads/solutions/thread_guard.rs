//! # `ThreadGuard`: join on drop, and never lose a panic
//!
//! The lecture's warm-up: write `thread_guard`. A `JoinHandle` that is dropped
//! *detaches* its thread: nobody waits for it any more, and if it panics, nobody hears
//! about it. A function that starts a thread and returns early (`?`, a panic) leaves
//! the thread running behind its back.
//!
//! Write [`ThreadGuard`], an RAII guard around a thread:
//!
//! - [`ThreadGuard::spawn`] starts `f` on a new thread and guards it;
//! - [`ThreadGuard::join`] waits for the thread and returns what `f` returned;
//! - dropping a guard that was not joined waits for the thread (joins it);
//! - a panic of the thread is never lost: `join` and `drop` both re-raise it on the
//!   calling thread *with the thread's own panic message* (its payload), not with a
//!   message of yours;
//! - except while the calling thread is already panicking (unwinding): a second panic
//!   during unwinding aborts the whole process, so `drop` must then still join the
//!   thread, but swallow its panic (it has been printed already).
//!
//! ```text
//! let guard = ThreadGuard::spawn(|| 6 * 7);
//! guard.join() == 42
//!
//! let guard = ThreadGuard::spawn(|| panic!("disk full"));
//! drop(guard);   // panics with "disk full"
//! ```

use std::thread::JoinHandle;
// begin solution
use std::panic;
use std::thread;
// starter:
// end solution

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
        // begin solution: spawn the thread and keep its handle
        ThreadGuard {
            handle: Some(thread::spawn(f)),
        }
        // end solution
    }

    /// Waits for the thread and returns its result; re-raises its panic.
    pub fn join(mut self) -> T {
        // begin solution: take the handle, join it, re-raise a panic with its payload
        // `take()` leaves `None` behind, so `drop` (which still runs) has nothing to do.
        let handle = self.handle.take().expect("a guard is joined only once");
        match handle.join() {
            Ok(value) => value,
            Err(payload) => panic::resume_unwind(payload),
        }
        // end solution
    }
}

impl<T> Drop for ThreadGuard<T> {
    fn drop(&mut self) {
        // begin solution: join the thread if it was not joined; re-raise its panic unless already panicking
        if let Some(handle) = self.handle.take() {
            if let Err(payload) = handle.join() {
                if !thread::panicking() {
                    panic::resume_unwind(payload);
                }
            }
        }
        // end solution
    }
}
