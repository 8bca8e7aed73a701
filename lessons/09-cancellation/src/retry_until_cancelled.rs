//! # Cancellation is not failure: retry errors, never a cancellation
//!
//! The lecture warns: "stop using `except Exception`, re-raise `CancelledError`". A
//! catch-all retry loop that treats a cancellation like any other error keeps retrying
//! work that was asked to stop, and the program never shuts down. In Rust, cancellation
//! comes from outside (a [`CancellationToken`], a dropped future) or from below, as an
//! error that says "cancelled" rather than "failed"; both must end the loop at once.
//!
//! 1. [`retry`] calls `attempt(1)`, `attempt(2)`, … (the argument is the attempt's number,
//!    from 1) until one succeeds, at most `attempts` times (`attempts` ≥ 1), waiting
//!    `delay` between two attempts (on tokio's clock: `tokio::time::sleep`, never
//!    `std::thread::sleep`, which blocks the runtime and ignores the paused clock).
//!    - `Ok(value)`: return `Ok(value)`.
//!    - `Err(AttemptError::Failed(why))`: a failure. Retry after `delay`; after the last
//!      attempt return `Err(RetryError::GaveUp { attempts, last: why })`.
//!    - `Err(AttemptError::Cancelled)`: the attempt was cancelled from below. This is
//!      *not* a failure: return `Err(RetryError::Cancelled)` at once, never retry it.
//!    - `token` cancelled: return `Err(RetryError::Cancelled)` at once, whatever the loop
//!      is doing: before the first attempt (no attempt is made), during an attempt (the
//!      attempt's future is dropped at that instant) or during the delay (no more
//!      attempts).
//! 2. [`leased`] runs `work` holding a lease from a [`Leases`] pool: `leases.take()`
//!    before the work starts, `leases.give_back()` exactly once however it ends: the work
//!    completes, or the future of `leased` is dropped (cancelled) at any `.await`, even
//!    before its first poll is over. Code after an `.await` does not run when the future
//!    is dropped there: give the lease back in the `Drop` of a guard that lives as long as
//!    the work (`let _guard = …;`, not `let _ = …;`, which drops it at once).
//!
//! ```text
//! delay 1 s, attempts 5, every attempt fails at once, token cancelled at 1.5 s:
//!   attempts at 0 s and 1 s; retry returns Err(RetryError::Cancelled) at 1.5 s
//! every attempt fails: retry(&token, 3, 100 ms, ..) == Err(GaveUp { attempts: 3, last }) at 0.2 s
//! ```

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

/// How one attempt went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttemptError {
    /// It failed: worth another try.
    #[error("failed: {0}")]
    Failed(String),
    /// It was cancelled from below: stop, do not retry.
    #[error("cancelled")]
    Cancelled,
}

/// Why [`retry`] returned no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RetryError {
    /// Cancelled: by the token, or an attempt said so.
    #[error("cancelled")]
    Cancelled,
    /// Every attempt failed; `last` is the last failure.
    #[error("gave up after {attempts} attempts: {last}")]
    GaveUp { attempts: u32, last: String },
}

/// Calls `attempt(1..)` until it succeeds, at most `attempts` times, `delay` apart;
/// stops at once on cancellation.
pub async fn retry<T, F, Fut>(
    token: &CancellationToken,
    attempts: u32,
    delay: Duration,
    mut attempt: F,
) -> Result<T, RetryError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, AttemptError>>,
{
    todo!("race every attempt and every delay against token.cancelled()")
}

/// A pool of leases: counts how many are out.
#[derive(Debug, Default)]
pub struct Leases {
    out: AtomicUsize,
    taken: AtomicUsize,
}

impl Leases {
    /// A pool with no lease out.
    pub fn new() -> Leases {
        Leases::default()
    }

    /// Takes a lease.
    pub fn take(&self) {
        self.out.fetch_add(1, Ordering::SeqCst);
        self.taken.fetch_add(1, Ordering::SeqCst);
    }

    /// Gives a lease back. Giving back more than was taken is a bug: it panics.
    pub fn give_back(&self) {
        let before = self.out.fetch_sub(1, Ordering::SeqCst);
        assert!(before > 0, "a lease was given back twice");
    }

    /// How many leases are out now.
    pub fn out(&self) -> usize {
        self.out.load(Ordering::SeqCst)
    }

    /// How many leases were ever taken.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::SeqCst)
    }
}

/// Runs `work` holding a lease of `leases`; gives it back however the work ends,
/// cancelled included.
pub async fn leased<T>(leases: &Leases, work: impl Future<Output = T>) -> T {
    todo!("take a lease into a guard whose Drop gives it back, then await the work")
}
