//! Heartbeats: prove that async code does not block the runtime thread.
//!
//! A [`Heartbeat`] is a task that wakes up every `period` and counts a beat. On a
//! current-thread runtime (the default of `#[graded::test(tokio)]`) the heartbeat and the code
//! under test share one thread, so the heartbeat can only beat while the code under test
//! is suspended at an `.await`. Code that blocks the thread (`std::thread::sleep`, a
//! blocking read, a long computation) stops the heartbeat for as long as it blocks.
//!
//! ```
//! use std::time::Duration;
//! use shared::heartbeat::Heartbeat;
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! // In a test: #[graded::test(tokio, start_paused = true)] async fn ...
//! let heartbeat = Heartbeat::start(Duration::from_millis(100));
//! tokio::time::sleep(Duration::from_secs(1)).await; // the code under test: waits politely
//! heartbeat.assert_at_least(9, "the code blocked the runtime thread");
//!
//! let heartbeat = Heartbeat::start(Duration::from_millis(100));
//! std::thread::sleep(Duration::from_millis(20)); // blocks the thread
//! assert_eq!(heartbeat.beats(), 0);
//! # }
//! ```
//!
//! Under a paused clock the count is exact: while the code under test awaits a one-second
//! sleep, virtual time runs through every beat, so a period of 100 ms gives 9 or 10
//! beats (the last one races with the end of the sleep); a blocked thread gives none, and
//! the blocking costs only the real time of the blocking call. Ask for one beat less than
//! the arithmetic says.
//!
//! Do not use it on a multi-thread runtime: there the heartbeat may run on another worker
//! thread and keep beating while the code under test blocks its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};

/// A task that counts a beat every period; see the [module documentation](self).
///
/// The task is spawned on the current runtime by [`Heartbeat::start`] and aborted when
/// the `Heartbeat` is dropped.
#[derive(Debug)]
pub struct Heartbeat {
    beats: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl Heartbeat {
    /// Spawns the heartbeat task on the current runtime; the first beat comes one
    /// `period` from now.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, and if `period` is zero.
    pub fn start(period: Duration) -> Heartbeat {
        assert!(!period.is_zero(), "a heartbeat needs a non-zero period");
        let beats = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&beats);
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval_at(Instant::now() + period, period);
            // After a blocked stretch, beat once, not once per missed period.
            ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        Heartbeat { beats, task }
    }

    /// The number of beats so far.
    pub fn beats(&self) -> u64 {
        self.beats.load(Ordering::Relaxed)
    }

    /// Asserts that the heartbeat beat at least `min` times so far.
    ///
    /// `why` should say what the student probably did wrong, for example
    /// "`std::thread::sleep` blocks the runtime thread: use `tokio::time::sleep`". The
    /// failure reads: `the heartbeat beat 0 times, expected at least 9: …`.
    #[track_caller]
    pub fn assert_at_least(&self, min: u64, why: &str) {
        let beats = self.beats();
        assert!(
            beats >= min,
            "the heartbeat beat {beats} times, expected at least {min}: {why}"
        );
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn beats_while_the_code_awaits() {
        let heartbeat = Heartbeat::start(Duration::from_millis(100));
        tokio::time::sleep(Duration::from_secs(1)).await;
        let beats = heartbeat.beats();
        assert!((9..=10).contains(&beats), "{beats} beats");
        heartbeat.assert_at_least(9, "an async sleep does not block");
    }

    #[tokio::test(start_paused = true)]
    async fn does_not_beat_while_the_thread_is_blocked() {
        let heartbeat = Heartbeat::start(Duration::from_millis(1));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(heartbeat.beats(), 0);
        // Once the blocking is over, the heartbeat resumes: one late beat, no burst.
        tokio::time::sleep(Duration::from_micros(1)).await;
        assert!(heartbeat.beats() <= 2, "{} beats", heartbeat.beats());
    }

    #[tokio::test(start_paused = true)]
    async fn a_blocked_heartbeat_explains_itself() {
        let heartbeat = Heartbeat::start(Duration::from_millis(100));
        let outcome = std::panic::catch_unwind(|| {
            heartbeat.assert_at_least(9, "std::thread::sleep blocks the runtime thread")
        });
        let payload = outcome.unwrap_err();
        assert_eq!(
            payload.downcast_ref::<String>().map(String::as_str),
            Some(
                "the heartbeat beat 0 times, expected at least 9: \
                 std::thread::sleep blocks the runtime thread"
            )
        );
    }

    #[tokio::test(start_paused = true)]
    async fn stops_when_dropped() {
        let heartbeat = Heartbeat::start(Duration::from_millis(100));
        let beats = Arc::clone(&heartbeat.beats);
        drop(heartbeat);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(beats.load(Ordering::Relaxed), 0);
    }
}
