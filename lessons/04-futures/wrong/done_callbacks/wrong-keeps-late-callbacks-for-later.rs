// Always adds the callback to the list, even when the promise is already done: nobody
// will call `set_result` again, so a callback added late never runs.
//
// expect: failed
// message: must run at once

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
        let callbacks = {
            let mut state = self.state.lock().unwrap();
            if state.value.is_some() {
                return Err(AlreadySet);
            }
            state.value = Some(value);
            std::mem::take(&mut state.callbacks)
        };
        for callback in callbacks {
            callback(self);
        }
        Ok(())
    }

    /// Runs `callback(&promise)` once the promise is done: at once if it is done already,
    /// else from `set_result`.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Promise<T>) + Send + 'static) {
        self.state
            .lock()
            .unwrap()
            .callbacks
            .push(Box::new(callback));
    }
}
