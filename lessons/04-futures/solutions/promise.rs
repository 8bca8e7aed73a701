//! # asyncio's `Future` as a Rust promise
//!
//! asyncio's `Future` is a box for a result that arrives later: one side calls
//! `set_result(value)` or `set_exception(error)`, the other side asks `done()`, reads
//! `result()`, or `await`s it. Rust splits the two sides into two values: a [`Resolver`]
//! that sets the outcome and a [`Promise`] that reads it and is a `Future`. They share one
//! `Mutex<State>` (given), which is either `Waiting` (with the waker of the last poll, if
//! any) or `Settled` (with the outcome).
//!
//! Write:
//!
//! - [`promise`]: a new pair, `Waiting` with no waker.
//! - [`Resolver::set_result`] and [`Resolver::set_exception`]: settle the promise with
//!   `Ok(value)`, or with `Err(PromiseError::Failed(error))`, and wake the task that
//!   awaits it (the waker stored by the last poll, if any). An outcome is set only once:
//!   a second `set_…` returns `Err(AlreadySet)` and changes nothing (the first outcome
//!   stays). They may be called from any thread.
//! - `Drop` for [`Resolver`]: a resolver dropped without setting an outcome settles the
//!   promise with `Err(PromiseError::Broken)` and wakes it, so that whoever awaits it gets
//!   an error instead of waiting forever. Dropped after a `set_…`, it changes nothing.
//! - [`Promise::done`]: `true` once settled (a broken promise is done too).
//! - [`Promise::result`]: the outcome, cloned, or `Err(PromiseError::NotDone)` while waiting.
//! - `Future for Promise`: `Ready` with the outcome (cloned) once settled. While waiting,
//!   store the waker of *this* poll (`cx.waker().clone()`, replacing the one stored
//!   before: the task may have moved to another waker, and only the latest one reaches
//!   it) and return `Pending`, without waking it (nothing has changed yet: waking the
//!   task yourself is busy-polling). Never block in `poll` (no waiting for the result
//!   there: the resolver may need the very thread you would block).
//!
//! Two rules make it correct when the two sides run on different threads:
//!
//! - **No lost wake-up.** The check "is it settled?" and the storing of the waker happen
//!   under one lock, in one critical section; `set_…` settles and takes the waker under
//!   the same lock. Otherwise a `set_…` that slips in between finds no waker to wake, and
//!   the `Pending` that follows is never woken.
//! - **Never wake while holding the lock.** Take the waker out of the state, release the
//!   lock (end the guard's scope or `drop` it), then call `wake()`. A waker may run code at
//!   once, even code that touches this promise (`done()`, a poll): with the lock still
//!   held, that deadlocks.
//!
//! ```text
//! let (resolver, promise) = promise::<u32, String>();
//! promise.done() == false;  promise.result() == Err(PromiseError::NotDone)
//! resolver.set_result(42) == Ok(());
//! resolver.set_exception("late".into()) == Err(AlreadySet)
//! promise.done() == true;   promise.result() == Ok(42);   promise.await == Ok(42)
//! ```

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
    // begin solution: one shared state, Waiting with no waker
    let state = Arc::new(Mutex::new(State::Waiting(None)));
    (
        Resolver {
            state: Arc::clone(&state),
        },
        Promise { state },
    )
    // end solution
}

impl<T, E> Resolver<T, E> {
    /// Settles the promise with `Ok(value)`; `Err(AlreadySet)` if it was settled already.
    pub fn set_result(&self, value: T) -> Result<(), AlreadySet> {
        // begin solution: settle with Ok(value)
        settle(&self.state, Ok(value))
        // end solution
    }

    /// Settles the promise with `Err(PromiseError::Failed(error))`; `Err(AlreadySet)` if it
    /// was settled already.
    pub fn set_exception(&self, error: E) -> Result<(), AlreadySet> {
        // begin solution: settle with Err(PromiseError::Failed(error))
        settle(&self.state, Err(PromiseError::Failed(error)))
        // end solution
    }
}

impl<T, E> Drop for Resolver<T, E> {
    fn drop(&mut self) {
        // begin solution
        // Already settled: `AlreadySet` is exactly "nothing to do".
        let _ = settle(&self.state, Err(PromiseError::Broken));
        // starter:
        // // Write it: an unsettled promise is settled with `Err(PromiseError::Broken)`.
        // // (A `todo!()` here would panic in every drop, even during another panic.)
        // end solution
    }
}

impl<T, E> Promise<T, E> {
    /// Whether the promise is settled (with a value, an error, or broken).
    pub fn done(&self) -> bool {
        // begin solution: Settled?
        matches!(*self.state.lock().unwrap(), State::Settled(_))
        // end solution
    }

    /// The outcome (cloned), or `Err(PromiseError::NotDone)` while it is waiting.
    pub fn result(&self) -> Result<T, PromiseError<E>>
    where
        T: Clone,
        E: Clone,
    {
        // begin solution: the settled outcome cloned, or NotDone
        match &*self.state.lock().unwrap() {
            State::Settled(outcome) => outcome.clone(),
            State::Waiting(_) => Err(PromiseError::NotDone),
        }
        // end solution
    }
}

impl<T: Clone, E: Clone> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // begin solution: under one lock: Ready(outcome), or store this poll's waker and Pending
        let mut state = self.state.lock().unwrap();
        match &mut *state {
            State::Settled(outcome) => Poll::Ready(outcome.clone()),
            State::Waiting(waker) => {
                *waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
        // end solution
    }
}
// begin solution

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
// starter:
// end solution
