// The outcome in a `Mutex<Option<…>>` and the waker in `futures::task::AtomicWaker`:
// `poll` registers the waker first and only then looks at the outcome, `set_…` stores
// the outcome first and only then wakes, so no wake-up is lost without one shared lock.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures::task::AtomicWaker;
use thiserror::Error;

/// Why a promise gives no value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PromiseError<E> {
    /// The resolver called `set_exception(error)`.
    #[error("the promise failed: {0}")]
    Failed(E),
    /// `result()` was called before the promise was settled.
    #[error("the promise is not done yet")]
    NotDone,
    /// The resolver was dropped without setting an outcome.
    #[error("broken promise: the resolver was dropped without setting a result")]
    Broken,
}

/// A second `set_result` or `set_exception`: a promise is settled only once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the promise already has a result")]
pub struct AlreadySet;

/// The outcome behind a lock, the waker in an `AtomicWaker` of its own.
#[derive(Debug)]
struct Shared<T, E> {
    outcome: Mutex<Option<Result<T, PromiseError<E>>>>,
    waker: AtomicWaker,
}

/// The reading side: `done`, `result`, and `.await`.
#[derive(Debug)]
pub struct Promise<T, E> {
    shared: Arc<Shared<T, E>>,
}

/// The writing side: `set_result` and `set_exception`; dropping it unset breaks the promise.
#[derive(Debug)]
pub struct Resolver<T, E> {
    shared: Arc<Shared<T, E>>,
}

/// A new promise and the resolver that settles it.
pub fn promise<T, E>() -> (Resolver<T, E>, Promise<T, E>) {
    let shared = Arc::new(Shared {
        outcome: Mutex::new(None),
        waker: AtomicWaker::new(),
    });
    (
        Resolver {
            shared: Arc::clone(&shared),
        },
        Promise { shared },
    )
}

impl<T, E> Resolver<T, E> {
    /// Settles the promise with `Ok(value)`; `Err(AlreadySet)` if it was settled already.
    pub fn set_result(&self, value: T) -> Result<(), AlreadySet> {
        self.settle(Ok(value))
    }

    /// Settles the promise with `Err(PromiseError::Failed(error))`; `Err(AlreadySet)` if it
    /// was settled already.
    pub fn set_exception(&self, error: E) -> Result<(), AlreadySet> {
        self.settle(Err(PromiseError::Failed(error)))
    }

    fn settle(&self, outcome: Result<T, PromiseError<E>>) -> Result<(), AlreadySet> {
        {
            let mut slot = self.shared.outcome.lock().unwrap();
            if slot.is_some() {
                return Err(AlreadySet);
            }
            *slot = Some(outcome);
        }
        // After the outcome is visible, outside the lock.
        self.shared.waker.wake();
        Ok(())
    }
}

impl<T, E> Drop for Resolver<T, E> {
    fn drop(&mut self) {
        let _ = self.settle(Err(PromiseError::Broken));
    }
}

impl<T, E> Promise<T, E> {
    /// Whether the promise is settled (with a value, an error, or broken).
    pub fn done(&self) -> bool {
        self.shared.outcome.lock().unwrap().is_some()
    }

    /// The outcome (cloned), or `Err(PromiseError::NotDone)` while it is waiting.
    pub fn result(&self) -> Result<T, PromiseError<E>>
    where
        T: Clone,
        E: Clone,
    {
        self.shared
            .outcome
            .lock()
            .unwrap()
            .clone()
            .unwrap_or(Err(PromiseError::NotDone))
    }
}

impl<T: Clone, E: Clone> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Register first, then look: a set that comes in between wakes the new waker.
        self.shared.waker.register(cx.waker());
        match self.shared.outcome.lock().unwrap().clone() {
            Some(outcome) => Poll::Ready(outcome),
            None => Poll::Pending,
        }
    }
}
