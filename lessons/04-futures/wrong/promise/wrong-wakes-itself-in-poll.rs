// Wakes the task at every `Pending` poll, "so that it is polled again and sees the
// outcome soon": the task is polled again and again while nothing changes
// (busy-polling).
//
// expect: failed
// message: that is busy-polling

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

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

/// What the two sides share.
#[derive(Debug)]
enum State<T, E> {
    /// No outcome yet; the waker of the last poll, if it was polled.
    Waiting(Option<Waker>),
    /// The outcome, for good.
    Settled(Result<T, PromiseError<E>>),
}

/// The reading side: `done`, `result`, and `.await`.
#[derive(Debug)]
pub struct Promise<T, E> {
    state: Arc<Mutex<State<T, E>>>,
}

/// The writing side: `set_result` and `set_exception`; dropping it unset breaks the promise.
#[derive(Debug)]
pub struct Resolver<T, E> {
    state: Arc<Mutex<State<T, E>>>,
}

/// A new promise and the resolver that settles it.
pub fn promise<T, E>() -> (Resolver<T, E>, Promise<T, E>) {
    let state = Arc::new(Mutex::new(State::Waiting(None)));
    (
        Resolver {
            state: Arc::clone(&state),
        },
        Promise { state },
    )
}

impl<T, E> Resolver<T, E> {
    /// Settles the promise with `Ok(value)`; `Err(AlreadySet)` if it was settled already.
    pub fn set_result(&self, value: T) -> Result<(), AlreadySet> {
        settle(&self.state, Ok(value))
    }

    /// Settles the promise with `Err(PromiseError::Failed(error))`; `Err(AlreadySet)` if it
    /// was settled already.
    pub fn set_exception(&self, error: E) -> Result<(), AlreadySet> {
        settle(&self.state, Err(PromiseError::Failed(error)))
    }
}

impl<T, E> Drop for Resolver<T, E> {
    fn drop(&mut self) {
        // Already settled: `AlreadySet` is exactly "nothing to do".
        let _ = settle(&self.state, Err(PromiseError::Broken));
    }
}

impl<T, E> Promise<T, E> {
    /// Whether the promise is settled (with a value, an error, or broken).
    pub fn done(&self) -> bool {
        matches!(*self.state.lock().unwrap(), State::Settled(_))
    }

    /// The outcome (cloned), or `Err(PromiseError::NotDone)` while it is waiting.
    pub fn result(&self) -> Result<T, PromiseError<E>>
    where
        T: Clone,
        E: Clone,
    {
        match &*self.state.lock().unwrap() {
            State::Settled(outcome) => outcome.clone(),
            State::Waiting(_) => Err(PromiseError::NotDone),
        }
    }
}

impl<T: Clone, E: Clone> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.state.lock().unwrap();
        match &mut *state {
            State::Settled(outcome) => Poll::Ready(outcome.clone()),
            State::Waiting(waker) => {
                *waker = Some(cx.waker().clone());
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

/// Stores the outcome and takes the waker under the lock; wakes after releasing it.
fn settle<T, E>(
    state: &Mutex<State<T, E>>,
    outcome: Result<T, PromiseError<E>>,
) -> Result<(), AlreadySet> {
    let waker = {
        let mut state = state.lock().unwrap();
        match &mut *state {
            State::Settled(_) => return Err(AlreadySet),
            State::Waiting(waker) => {
                let waker = waker.take();
                *state = State::Settled(outcome);
                waker
            }
        }
    };
    if let Some(waker) = waker {
        waker.wake();
    }
    Ok(())
}
