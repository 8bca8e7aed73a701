//! Virtual-clock measurements for `#[graded::test(tokio, start_paused = true)]`.
//!
//! With a paused clock, tokio's time only moves when the runtime has nothing else to do:
//! then it jumps straight to the next timer. Ten tasks that each sleep one second
//! concurrently take exactly one second of *virtual* time (and almost no real time);
//! ten sleeps in a row take exactly ten. So durations become exact, deterministic facts
//! about the code's structure, not noisy wall-clock measurements.
//!
//! ```
//! use std::time::Duration;
//! use shared::clock::{assert_elapsed, timed};
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! // In a test: #[graded::test(tokio, start_paused = true)] async fn ...
//! let ((), took) = timed(async {
//!     let tasks: Vec<_> = (0..10)
//!         .map(|_| tokio::spawn(tokio::time::sleep(Duration::from_secs(1))))
//!         .collect();
//!     for task in tasks {
//!         task.await.unwrap();
//!     }
//! })
//! .await;
//! assert_elapsed(took, Duration::from_secs(1), "the sleeps ran one after another");
//! # }
//! ```
//!
//! The paused clock cannot measure anything that happens outside the runtime (a child
//! process, a blocking thread): while the runtime waits for it, it is idle, and the clock
//! jumps ahead. Use [`crate::watchdog`] and [`crate::rendezvous`] there instead.

use std::future::Future;
use std::time::Duration;

/// How far a virtual duration may be off and still count as equal in [`assert_elapsed`].
///
/// Tokio's timers have a resolution of one millisecond, so a sleep can end up to a
/// millisecond late; a few in a row add up. Ten milliseconds is far below any difference
/// a test cares about (one step of a sleep, usually a second).
pub const TOLERANCE: Duration = Duration::from_millis(10);

/// Awaits `fut` and returns its output together with the tokio time it took.
///
/// Time is measured with [`tokio::time::Instant`], so under a paused clock it is virtual
/// time, exact up to [`TOLERANCE`].
pub async fn timed<F: Future>(fut: F) -> (F::Output, Duration) {
    let start = tokio::time::Instant::now();
    let output = fut.await;
    (output, start.elapsed())
}

/// Asserts that `actual` equals `expected` up to [`TOLERANCE`].
///
/// On failure the message says how long it took, how long it should have taken and
/// `why`, which should name the likely mistake, for example:
///
/// `took 10s of virtual time, expected 1s: the tasks ran one after another instead of concurrently`
///
/// ```should_panic
/// use std::time::Duration;
/// use shared::clock::assert_elapsed;
///
/// assert_elapsed(
///     Duration::from_secs(10),
///     Duration::from_secs(1),
///     "the tasks ran one after another instead of concurrently",
/// );
/// ```
#[track_caller]
pub fn assert_elapsed(actual: Duration, expected: Duration, why: &str) {
    let difference = actual.abs_diff(expected);
    assert!(
        difference <= TOLERANCE,
        "took {actual:?} of virtual time, expected {expected:?}: {why}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::sleep;

    #[tokio::test(start_paused = true)]
    async fn concurrent_sleeps_take_the_longest_one() {
        let ((), took) = timed(async {
            tokio::join!(
                sleep(Duration::from_secs(1)),
                sleep(Duration::from_secs(3)),
                sleep(Duration::from_secs(2)),
            );
        })
        .await;
        assert_elapsed(
            took,
            Duration::from_secs(3),
            "join! should run the sleeps together",
        );
    }

    #[tokio::test(start_paused = true)]
    async fn sequential_sleeps_add_up() {
        let (value, took) = timed(async {
            for _ in 0..10 {
                sleep(Duration::from_secs(1)).await;
            }
            "done"
        })
        .await;
        assert_eq!(value, "done");
        assert_elapsed(took, Duration::from_secs(10), "ten sleeps in a row");
    }

    #[test]
    fn a_mismatch_explains_itself() {
        let outcome = std::panic::catch_unwind(|| {
            assert_elapsed(
                Duration::from_secs(10),
                Duration::from_secs(1),
                "the tasks ran one after another instead of concurrently",
            )
        });
        let payload = outcome.unwrap_err();
        assert_eq!(
            payload.downcast_ref::<String>().map(String::as_str),
            Some(
                "took 10s of virtual time, expected 1s: \
                 the tasks ran one after another instead of concurrently"
            )
        );
    }

    #[test]
    fn a_millisecond_of_timer_resolution_is_tolerated() {
        assert_elapsed(
            Duration::from_millis(1001),
            Duration::from_secs(1),
            "within tolerance",
        );
        assert_elapsed(
            Duration::from_millis(999),
            Duration::from_secs(1),
            "within tolerance",
        );
    }
}
