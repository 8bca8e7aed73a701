// Checks token.is_cancelled() before each attempt but awaits the attempt itself to its end:
// a cancellation during a long attempt is noticed only when the attempt is over.
//
// expect: failed
// message: Checking the token only between attempts is too late

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
    let mut number = 1;
    loop {
        if token.is_cancelled() {
            return Err(RetryError::Cancelled);
        }
        let outcome = attempt(number).await;
        match outcome {
            Ok(value) => return Ok(value),
            Err(AttemptError::Cancelled) => return Err(RetryError::Cancelled),
            Err(AttemptError::Failed(why)) if number >= attempts => {
                return Err(RetryError::GaveUp {
                    attempts: number,
                    last: why,
                });
            }
            Err(AttemptError::Failed(_)) => {}
        }
        tokio::select! {
            biased;
            () = token.cancelled() => return Err(RetryError::Cancelled),
            () = tokio::time::sleep(delay) => {}
        }
        number += 1;
    }
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

/// Gives its lease back when dropped, on every path.
struct Lease<'a>(&'a Leases);

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        self.0.give_back();
    }
}

/// Runs `work` holding a lease of `leases`; gives it back however the work ends,
/// cancelled included.
pub async fn leased<T>(leases: &Leases, work: impl Future<Output = T>) -> T {
    leases.take();
    let _lease = Lease(leases);
    work.await
}
