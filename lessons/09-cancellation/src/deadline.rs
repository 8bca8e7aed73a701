//! # A deadline with a typed error
//!
//! The lecture gives its HTTP session a timeout (`aiohttp.ClientTimeout(total=1.2)`): a
//! request still running after 1.2 s is cancelled and the caller gets an error. In Rust
//! a future is cancelled by *dropping* it, so a timeout is a race between the work and a
//! timer, where the loser is dropped: [`tokio::time::timeout`], or a `tokio::select!`
//! with a `tokio::time::sleep` branch.
//!
//! 1. [`with_deadline`] runs `work` (a future that may fail with an error `E`) for at most
//!    `limit`:
//!    - the work returns `Ok(value)` in time: `Ok(value)`;
//!    - the work returns `Err(error)` in time: `Err(DeadlineError::Failed(error))`;
//!    - the work is still running at `limit`: `Err(DeadlineError::TimedOut(limit))`,
//!      returned *at* `limit`, and the work's future is dropped right then, at `limit`
//!      (not left running in the background, not awaited to its end).
//!
//!    Time is tokio's clock: the tests pause it (`start_paused`), so `limit` must be
//!    measured with tokio's timers. `std::time::Instant` and `std::thread::sleep` do not
//!    see tokio's clock (and `thread::sleep` blocks the runtime's thread as well).
//!
//! 2. [`with_deadline_blocking`] does the same for blocking work that runs on tokio's
//!    blocking thread pool (`tokio::task::spawn_blocking`). Such work is a closure on a
//!    thread, not a future: nothing can drop it halfway, and `JoinHandle::abort` does not
//!    stop it once it runs. So the work gets a [`StopFlag`] and promises to check it
//!    often and return when it is set. At `limit` (real time here: the blocking pool and
//!    the paused clock do not mix) set the flag, then return
//!    `Err(DeadlineError::TimedOut(limit))` without waiting for the work to notice. In
//!    time, the work's value is `Ok(value)`; a panic of the work is resumed
//!    (`std::panic::resume_unwind`).
//!
//! ```text
//! with_deadline(Duration::from_secs(2), async { sleep(1 s); Ok::<_, String>(7) }).await == Ok(7)
//! with_deadline(Duration::from_secs(2), async { sleep(5 s); Ok::<_, String>(7) }).await
//!     == Err(DeadlineError::TimedOut(2 s))        // at t = 2 s, the work dropped at t = 2 s
//! ```
//!
//! The error type derives `thiserror::Error`: it displays as "timed out after 2s" and
//! "failed: <the work's error>", and a `Failed` error's `source()` is the work's error.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Why [`with_deadline`] returned no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError<E> {
    /// The work was still running after this long; it was cancelled.
    #[error("timed out after {0:?}")]
    TimedOut(Duration),
    /// The work finished in time, with this error.
    #[error("failed: {0}")]
    Failed(#[source] E),
}

/// Runs `work` for at most `limit` (tokio's clock); drops it at `limit` if it is still
/// running.
pub async fn with_deadline<T, E, F>(limit: Duration, work: F) -> Result<T, DeadlineError<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    todo!("race the work against a timer; the loser is dropped")
}

/// A flag that blocking work checks to learn that it should stop. Cheap to clone: clones
/// share the flag.
#[derive(Debug, Clone, Default)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    /// A flag that is not set.
    pub fn new() -> StopFlag {
        StopFlag::default()
    }

    /// Asks the work to stop.
    pub fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the work has been asked to stop.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Runs blocking `work` on tokio's blocking pool for at most `limit`; at `limit` sets its
/// flag and returns `TimedOut` at once.
pub async fn with_deadline_blocking<T, W>(
    limit: Duration,
    work: W,
) -> Result<T, DeadlineError<std::convert::Infallible>>
where
    W: FnOnce(StopFlag) -> T + Send + 'static,
    T: Send + 'static,
{
    todo!("spawn_blocking with a flag; at the deadline set the flag (abort cannot stop it)")
}
