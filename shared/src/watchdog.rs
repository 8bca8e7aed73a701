//! Watchdogs: turn a hang into a test failure with a clear message.
//!
//! A deadlocked test would otherwise sit there until the runner kills it, and the student
//! would see "timed out" without knowing where. Wrap the call that may hang:
//!
//! ```
//! use std::time::Duration;
//! use shared::watchdog::within;
//!
//! let sum = within(Duration::from_secs(5), "summing 1..=10", || (1..=10).sum::<u32>());
//! assert_eq!(sum, 55);
//! ```
//!
//! Pick a limit far above what a correct solution needs (seconds, not milliseconds) and
//! below the runner's per-test timeout (10 s by default), so a slow machine never fails a
//! correct solution and a hang still fails with *this* message.

use std::future::Future;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Runs `f` on a fresh thread and returns its result, or panics if it does not finish
/// within `limit`.
///
/// The panic message names `what` and says that it is probably deadlocked or waiting
/// forever. If `f` itself panics, that panic is resumed on the calling thread with its
/// original payload, so the test reports the original message (for example the
/// `not yet implemented: …` of a starter's `todo!()`), and `#[should_panic(expected = …)]`
/// sees it too.
///
/// When the limit is reached, the thread running `f` is left behind (a thread cannot be
/// killed); the test fails and the test process ends it when it exits.
///
/// ```should_panic
/// use std::time::Duration;
/// use shared::watchdog::within;
///
/// // Panics with: "waiting for a message that never comes did not finish within 100ms: ..."
/// within(Duration::from_millis(100), "waiting for a message that never comes", || {
///     let (_tx, rx) = std::sync::mpsc::channel::<()>();
///     rx.recv()
/// });
/// ```
#[track_caller]
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    // Named like the calling thread (libtest names it after the test), so a panic in `f`
    // reads "thread 'the_test_name' panicked at …" as if there were no watchdog.
    let name = thread::current().name().unwrap_or(what).to_owned();
    let worker = thread::Builder::new()
        .name(name)
        .spawn(move || {
            // The receiver may be gone when the watchdog has given up: ignore that.
            let _ = tx.send(f());
        })
        .expect("the watchdog could not start a thread");
    match rx.recv_timeout(limit) {
        Ok(value) => {
            // The value is sent as the thread's last action: joining is immediate.
            let _ = worker.join();
            value
        }
        // The sender was dropped without sending: `f` panicked.
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(payload) => std::panic::resume_unwind(payload),
            Ok(()) => unreachable!("the watchdog thread ended without a result"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{}", hang_message(what, limit)),
    }
}

/// The async counterpart of [`within`]: awaits `fut`, or panics if it does not complete
/// within `limit` of tokio time.
///
/// Under a paused clock (`#[graded::test(tokio, start_paused = true)]`) a future that waits
/// forever makes the runtime idle, the clock jumps to the limit and this panics at once,
/// deterministically and without waiting in real time. Under a real clock it waits
/// `limit` of real time, so the same advice as for [`within`] applies.
///
/// ```
/// use std::time::Duration;
/// use shared::watchdog::within_async;
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let answer = within_async(Duration::from_secs(5), "a quick computation", async { 42 }).await;
/// assert_eq!(answer, 42);
/// # }
/// ```
///
/// ```should_panic
/// use std::time::Duration;
/// use shared::watchdog::within_async;
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// // Panics at once (virtual time): "a future that never completes did not finish within 5s: ..."
/// within_async(Duration::from_secs(5), "a future that never completes", std::future::pending::<()>())
///     .await;
/// # }
/// ```
pub async fn within_async<F: Future>(limit: Duration, what: &str, fut: F) -> F::Output {
    match tokio::time::timeout(limit, fut).await {
        Ok(value) => value,
        Err(_) => panic!("{}", hang_message(what, limit)),
    }
}

/// Runs the future that `make` builds on a current-thread tokio runtime of its own whose
/// clock is paused, on a std thread under [`within`]: the way to test async code under
/// virtual time when that code may block the runtime's thread (a `std::thread::sleep`, a
/// busy loop), which would stop a `timeout` inside the runtime from ever firing.
///
/// Say in `what` what a hang most likely means for the code under test.
///
/// ```
/// use std::time::Duration;
/// use shared::watchdog::on_paused_runtime;
///
/// let waited = on_paused_runtime(Duration::from_secs(2), "sleeping an hour", || async {
///     let start = tokio::time::Instant::now();
///     tokio::time::sleep(Duration::from_secs(3600)).await;
///     start.elapsed()
/// });
/// assert_eq!(waited, Duration::from_secs(3600)); // virtual time: no real hour passed
/// ```
#[track_caller]
pub fn on_paused_runtime<T, F>(
    limit: Duration,
    what: &str,
    make: impl FnOnce() -> F + Send + 'static,
) -> T
where
    T: Send + 'static,
    F: Future<Output = T>,
{
    within(limit, what, move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("a tokio runtime")
            .block_on(make())
    })
}

fn hang_message(what: &str, limit: Duration) -> String {
    format!("{what} did not finish within {limit:?}: it is probably deadlocked or waiting forever")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value() {
        let value = within(Duration::from_secs(5), "a quick closure", || 6 * 7);
        assert_eq!(value, 42);
    }

    #[test]
    fn a_hang_fails_with_a_message_naming_it() {
        let outcome = std::panic::catch_unwind(|| {
            within(
                Duration::from_millis(50),
                "reading from a silent channel",
                || {
                    let (_tx, rx) = mpsc::channel::<()>();
                    let _ = rx.recv();
                },
            )
        });
        let message = panic_message(outcome.unwrap_err());
        assert_eq!(
            message,
            "reading from a silent channel did not finish within 50ms: \
             it is probably deadlocked or waiting forever"
        );
    }

    #[test]
    fn a_panic_is_resumed_with_its_original_payload() {
        let outcome = std::panic::catch_unwind(|| {
            within(Duration::from_secs(5), "a starter", || -> u32 {
                todo!("write the solution")
            })
        });
        assert_eq!(
            panic_message(outcome.unwrap_err()),
            "not yet implemented: write the solution"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn async_returns_the_value() {
        let value = within_async(Duration::from_secs(1), "a ready future", async { 7 }).await;
        assert_eq!(value, 7);
    }

    #[tokio::test(start_paused = true)]
    async fn async_hang_fails_in_virtual_time() {
        let start = std::time::Instant::now();
        let task = tokio::spawn(within_async(
            Duration::from_secs(3600),
            "an endless wait",
            std::future::pending::<()>(),
        ));
        let message = panic_message(task.await.unwrap_err().into_panic());
        assert_eq!(
            message,
            "an endless wait did not finish within 3600s: \
             it is probably deadlocked or waiting forever"
        );
        // An hour of virtual time passed in (much) less than a minute of real time.
        assert!(start.elapsed() < Duration::from_secs(60));
    }

    fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
        match payload.downcast::<String>() {
            Ok(text) => *text,
            Err(payload) => payload
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .unwrap_or_default(),
        }
    }
}
