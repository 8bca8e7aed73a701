//! Cancellation at every await point: prove that cleanup does not depend on where a future
//! is dropped.
//!
//! In Rust a future is cancelled by dropping it, and it can be dropped at any `.await`
//! where it is pending: by a `timeout`, a `select!`, an `abort`. Cleanup written after an
//! `.await` ("close the session at the end of the function") never runs then. To prove
//! that a future cleans up wherever it stops, [`at_every_await`] runs it again and again:
//! the k-th run is dropped after its k-th poll (k = 0 is never polled at all), and after
//! each drop the test checks its invariants (every connection returned, the session closed,
//! nothing lost). It stops at the first k where the future completes.
//!
//! ```
//! use std::sync::Arc;
//! use std::sync::atomic::{AtomicUsize, Ordering};
//! use std::time::Duration;
//! use shared::cancel::{at_every_await, Stop};
//!
//! /// Returns its slot when dropped, whether the future completed or not.
//! struct Slot(Arc<AtomicUsize>);
//! impl Drop for Slot {
//!     fn drop(&mut self) {
//!         self.0.fetch_add(1, Ordering::SeqCst);
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! let free = Arc::new(AtomicUsize::new(1));
//! let polls = at_every_await(
//!     || {
//!         let free = Arc::clone(&free);
//!         async move {
//!             free.fetch_sub(1, Ordering::SeqCst);
//!             let _slot = Slot(free); // an RAII guard: returned on every path
//!             tokio::time::sleep(Duration::from_secs(1)).await;
//!             tokio::time::sleep(Duration::from_secs(1)).await;
//!         }
//!     },
//!     |stop: Stop<&()>| match free.load(Ordering::SeqCst) {
//!         1 => Ok(()),
//!         n => Err(format!("{n} slots are free after it stopped, expected 1")),
//!     },
//! )
//! .await;
//! assert_eq!(polls, 3); // pending twice, ready on the third poll
//! # }
//! ```
//!
//! The future runs on the test's own runtime, woken as usual, so tokio timers work (with
//! the paused clock they take no real time). A future that never wakes itself hangs as it
//! would anywhere: put the whole test inside [`crate::watchdog`].

use std::fmt;
use std::future::{Future, poll_fn};
use std::task::Poll;

/// How many polls [`at_every_await`] allows before it decides that the future never
/// completes. The future is run once per k, so one that needs n polls is polled about
/// n²/2 times in all: keep the futures under test short (a few awaits each).
pub const MAX_POLLS: usize = 1_000;

/// How one run of the future under test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop<T> {
    /// Dropped after `polls` polls, each of which returned `Pending` (0: never polled).
    Cancelled { polls: usize },
    /// Completed with this output on poll number `polls`.
    Completed { polls: usize, output: T },
}

impl<T> Stop<T> {
    /// How many times the future was polled in this run.
    pub fn polls(&self) -> usize {
        match self {
            Stop::Cancelled { polls } | Stop::Completed { polls, .. } => *polls,
        }
    }
}

impl<T> Stop<T> {
    /// The stop with a reference to its output.
    pub fn as_ref(&self) -> Stop<&T> {
        match self {
            Stop::Cancelled { polls } => Stop::Cancelled { polls: *polls },
            Stop::Completed { polls, output } => Stop::Completed {
                polls: *polls,
                output,
            },
        }
    }

    /// The same stop with its output (if any) changed by `f`.
    pub fn map_output<U>(self, f: impl FnOnce(T) -> U) -> Stop<U> {
        match self {
            Stop::Cancelled { polls } => Stop::Cancelled { polls },
            Stop::Completed { polls, output } => Stop::Completed {
                polls,
                output: f(output),
            },
        }
    }
}

impl<T> fmt::Display for Stop<T> {
    /// Words for a failure message: "when dropped after 2 polls (cancelled at its
    /// await point 2)", "when it completed (after 3 polls)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Cancelled { polls: 0 } => write!(f, "when dropped before its first poll"),
            Stop::Cancelled { polls } => write!(
                f,
                "when dropped after {polls} poll(s) (cancelled while pending at its await point {polls})"
            ),
            Stop::Completed { polls, .. } => write!(f, "when it completed (after {polls} polls)"),
        }
    }
}

/// Runs `make()` once for every k = 0, 1, 2, …: polls it at most k times (waiting for its
/// wake-ups in between, on the current runtime), drops it, then calls `check` with how it
/// stopped. Returns the number of polls the future needed to complete.
///
/// `check` returns `Err(why)` when an invariant does not hold; this function then panics
/// with `why`, prefixed with where the future was stopped, for example:
///
/// `when dropped after 2 poll(s) (cancelled while pending at its await point 2): the
/// session was not closed: …`
///
/// # Panics
///
/// When `check` returns an error, and when the future does not complete within
/// [`MAX_POLLS`] polls.
#[track_caller]
pub fn at_every_await<F: Future>(
    mut make: impl FnMut() -> F,
    mut check: impl FnMut(Stop<&F::Output>) -> Result<(), String>,
) -> impl Future<Output = usize> {
    // Taken here, outside the async block, where `#[track_caller]` sees the test's line.
    let caller = std::panic::Location::caller();
    async move {
        for limit in 0..=MAX_POLLS {
            let stop = run_at_most(make(), limit).await;
            let verdict = check(match &stop {
                Stop::Cancelled { polls } => Stop::Cancelled { polls: *polls },
                Stop::Completed { polls, output } => Stop::Completed {
                    polls: *polls,
                    output,
                },
            });
            if let Err(why) = verdict {
                panic!("{stop}: {why} (checked at {caller})");
            }
            if let Stop::Completed { polls, .. } = stop {
                return polls;
            }
        }
        panic!(
            "the future did not complete within {MAX_POLLS} polls: it never finishes, or wakes \
         itself without making progress (checked at {caller})"
        )
    }
}

/// Polls `future` until it completes or has returned `Pending` `limit` times, then drops it.
async fn run_at_most<F: Future>(future: F, limit: usize) -> Stop<F::Output> {
    let mut future = Box::pin(future);
    let mut polls = 0;
    let stop = poll_fn(|cx| {
        if polls == limit {
            return Poll::Ready(Stop::Cancelled { polls });
        }
        polls += 1;
        future
            .as_mut()
            .poll(cx)
            .map(|output| Stop::Completed { polls, output })
    })
    .await;
    // The future is dropped here, before the caller checks anything.
    drop(future);
    stop
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// Opens a session and must close it however the body stops.
    async fn body(open: Arc<AtomicUsize>, close_in_drop: bool) -> u32 {
        struct Close(Arc<AtomicUsize>);
        impl Drop for Close {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        open.fetch_add(1, Ordering::SeqCst);
        let guard = close_in_drop.then(|| Close(Arc::clone(&open)));
        tokio::time::sleep(Duration::from_secs(1)).await;
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        if guard.is_none() {
            // Cleanup after the last await: skipped by every cancellation.
            open.fetch_sub(1, Ordering::SeqCst);
        }
        7
    }

    fn none_open(open: &AtomicUsize) -> Result<(), String> {
        match open.load(Ordering::SeqCst) {
            0 => Ok(()),
            n => Err(format!("{n} session(s) left open")),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn every_await_point_is_tried_until_completion() {
        let open = Arc::new(AtomicUsize::new(0));
        let mut stops = Vec::new();
        let polls = at_every_await(
            || body(Arc::clone(&open), true),
            |stop| {
                stops.push(stop.map_output(|output| *output).to_string());
                none_open(&open)
            },
        )
        .await;
        assert_eq!(polls, 4, "pending 3 times, ready on the 4th poll");
        assert_eq!(stops.len(), 5, "k = 0..=4 are each checked once: {stops:?}");
        assert_eq!(stops[0], "when dropped before its first poll");
        assert_eq!(stops[4], "when it completed (after 4 polls)");
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(
        expected = "when dropped after 1 poll(s) (cancelled while pending at its await point 1): 1 session(s) left open"
    )]
    async fn cleanup_after_an_await_fails_with_where_it_stopped() {
        let open = Arc::new(AtomicUsize::new(0));
        at_every_await(|| body(Arc::clone(&open), false), |_| none_open(&open)).await;
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "did not complete within")]
    async fn a_future_that_never_completes_is_reported() {
        let polls = at_every_await(
            || {
                std::future::poll_fn(|cx| {
                    cx.waker().wake_by_ref();
                    Poll::<()>::Pending
                })
            },
            |_| Ok(()),
        );
        polls.await;
    }
}
