//! # Done callbacks: asyncio's `add_done_callback`
//!
//! asyncio's `Future` calls back: `fut.add_done_callback(fn)` asks for `fn(fut)` to be
//! called once the future is done. This file has a small promise of its own (given: the
//! state, [`Promise::new`], [`Promise::done`] and [`Promise::result`]), a value that is
//! set once, without a waker: the callbacks are the only way to hear about it. Write
//! [`Promise::set_result`] and [`Promise::add_done_callback`], with these rules:
//!
//! 1. **Exactly once.** Every callback added runs exactly once, with the promise as its
//!    argument, and callbacks run in the order they were added.
//! 2. **At once if already done.** `add_done_callback` on a promise that is done runs the
//!    callback right away, on the calling thread, before `add_done_callback` returns.
//!    (asyncio schedules it on the loop instead; there is no loop here.)
//! 3. **On the thread that completes it.** The callbacks added before `set_result` run on
//!    the thread that calls `set_result`, before `set_result` returns.
//! 4. **Never with the lock held.** A callback may use the promise again: `done()`,
//!    `result()`, even `add_done_callback` (which, the promise being done, runs the new
//!    callback at once). With the state's lock held while a callback runs, that deadlocks
//!    (a `std::sync::Mutex` is not re-entrant). So: under the lock, only look at and
//!    change the state (store the value and *take* the list of callbacks, or find the
//!    value already there); release the lock; then run the callbacks.
//! 5. **Set once.** A second `set_result` returns `Err(AlreadySet)`: the first value
//!    stays and no callback runs again.
//!
//! Rules 1 and 2 must hold even when `add_done_callback` and `set_result` run at the same
//! moment on two threads: deciding "run it now" or "keep it for later" must happen in the
//! same critical section that `set_result` uses to store the value and take the list,
//! or a callback added in between is kept in a list nobody will ever run again.
//!
//! ```text
//! let promise = Promise::new();
//! promise.add_done_callback(|p| println!("first: {:?}", p.result()));
//! promise.add_done_callback(|_| println!("second"));
//! promise.set_result(7);   // prints "first: Some(7)", then "second"
//! promise.add_done_callback(|_| println!("third"));   // done already: prints "third" now
//! promise.set_result(8) == Err(AlreadySet)             // and prints nothing
//! ```

use std::sync::{Arc, Mutex};

use thiserror::Error;

/// A second `set_result`: a promise is set only once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the promise already has a result")]
pub struct AlreadySet;

/// A callback: called once, with the promise, when it is done.
pub type Callback<T> = Box<dyn FnOnce(&Promise<T>) + Send>;

/// A value set once, with callbacks. Clones share the same promise.
pub struct Promise<T> {
    state: Arc<Mutex<State<T>>>,
}

/// The shared state: the value once set, and the callbacks waiting for it.
struct State<T> {
    value: Option<T>,
    callbacks: Vec<Callback<T>>,
}

impl<T> Clone for Promise<T> {
    fn clone(&self) -> Self {
        Promise {
            state: Arc::clone(&self.state),
        }
    }
}

impl<T> Default for Promise<T> {
    fn default() -> Self {
        Promise::new()
    }
}

impl<T> Promise<T> {
    /// A promise that is not done, with no callbacks.
    pub fn new() -> Promise<T> {
        Promise {
            state: Arc::new(Mutex::new(State {
                value: None,
                callbacks: Vec::new(),
            })),
        }
    }

    /// Whether the value was set.
    pub fn done(&self) -> bool {
        self.state.lock().unwrap().value.is_some()
    }

    /// The value, once set.
    pub fn result(&self) -> Option<T>
    where
        T: Clone,
    {
        self.state.lock().unwrap().value.clone()
    }

    /// Sets the value and runs the callbacks added so far, in order, on this thread, with
    /// the lock released; `Err(AlreadySet)` if it was set already.
    pub fn set_result(&self, value: T) -> Result<(), AlreadySet> {
        todo!("under the lock: store the value, take the callbacks; then run them")
    }

    /// Runs `callback(&promise)` once the promise is done: at once if it is done already,
    /// else from `set_result`.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Promise<T>) + Send + 'static) {
        todo!("under the lock: keep it if not done; else run it after the lock")
    }
}
