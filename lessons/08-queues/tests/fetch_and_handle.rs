//! Exercise `fetch_and_handle`: under tokio's paused clock, every result is handled at the
//! instant its fetch ends and before `fetch_and_handle` returns; the fetches run at the
//! same time (a timeline on failure); a slow fetch is dropped at exactly 1.2 s and never
//! runs on. A hang is told apart from a busy loop: waiting forever makes the paused clock
//! jump to the limit at once; a loop that never awaits keeps the clock still until a
//! watchdog on a std thread gives up.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_08_queues::fetch_and_handle::{Summary, fetch_and_handle};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio::time::{Instant, sleep};

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(2);
/// Virtual time after which a paused test is stuck; a correct solution needs 6 s.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own.
fn paused<F, T>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    on_paused_runtime(
        REAL_LIMIT,
        "fetch_and_handle kept the runtime busy, so the paused clock never moved: does the \
         consumer poll the queue in a loop (`try_recv` and `yield_now`, a busy loop) \
         instead of awaiting `recv()`? A loop that never sleeps never lets the runtime idle; \
         it",
        move || async move {
            within_async(
                VIRTUAL_LIMIT,
                "fetch_and_handle never returned, although every fetch was done: \
                         the consumer still waits for results, because the queue is not \
                         closed. A channel closes when every Sender is dropped: drop the \
                         original sender once each fetch has its clone (and let the \
                         consumer end when `recv` returns None, not `loop` forever like the \
                         lecture's `while True`). It",
                make(),
            )
            .await
        },
    )
}

/// `(num, data, when its handling began)`, in the order handled.
type Handled = Vec<(u32, String, Duration)>;

/// What the test's fetches and handler saw.
#[derive(Clone, Default)]
struct Log {
    /// `(num, data, when its handling began)`, once handled, in the order handled.
    handled: Arc<Mutex<Handled>>,
    /// The fetches that ran to their end, with when.
    completed: Arc<Mutex<Vec<(u32, Duration)>>>,
    /// The fetches dropped before their end, with when.
    dropped: Arc<Mutex<Vec<(u32, Duration)>>>,
}

/// Records when its fetch is dropped unfinished.
struct Unfinished {
    num: u32,
    start: Instant,
    log: Log,
    done: bool,
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if !self.done {
            let at = self.start.elapsed();
            self.log.dropped.lock().unwrap().push((self.num, at));
        }
    }
}

/// Runs `fetch_and_handle(count, …)` where fetch `num` takes `took(num)` and handling a
/// result takes `handling`: the summary, when it returned, what the log saw at that
/// moment and 5 s later, and the drawing.
fn run(
    count: u32,
    took: fn(u32) -> Duration,
    handling: Duration,
) -> (Summary, Duration, Handled, Log, Timeline) {
    paused(move || async move {
        let timeline = Timeline::new();
        let log = Log::default();
        let start = Instant::now();
        let fetch = {
            let (log, timeline) = (log.clone(), timeline.clone());
            move |num: u32| {
                let log = log.clone();
                let fetching = async move {
                    let mut guard = Unfinished {
                        num,
                        start,
                        log: log.clone(),
                        done: false,
                    };
                    sleep(took(num)).await;
                    guard.done = true;
                    log.completed.lock().unwrap().push((num, start.elapsed()));
                    format!("joke {num}")
                };
                timeline.track(format!("fetch {num}"), fetching)
            }
        };
        let handle = {
            let (log, timeline) = (log.clone(), timeline.clone());
            move |num: u32, data: String| {
                let log = log.clone();
                let handling = async move {
                    let began = start.elapsed();
                    sleep(handling).await;
                    log.handled.lock().unwrap().push((num, data, began));
                };
                timeline.track(format!("handle {num}"), handling)
            }
        };
        let summary = fetch_and_handle(count, fetch, handle).await;
        let returned = start.elapsed();
        let handled_then = log.handled.lock().unwrap().clone();
        // Whatever is still running goes on meanwhile.
        sleep(Duration::from_secs(5)).await;
        (summary, returned, handled_then, log, timeline)
    })
}

fn ms(at: Duration) -> u64 {
    ((at.as_micros() + 500) / 1000) as u64
}

#[graded::test]
fn every_result_is_handled_before_it_returns() {
    // Fetch `num` takes (10 - num) × 100 ms: the results come in the reverse order,
    // one every 100 ms, and handling each takes 50 ms.
    let (summary, returned, handled, _, timeline) = run(
        10,
        |num| Duration::from_millis(u64::from(10 - num) * 100),
        Duration::from_millis(50),
    );
    assert!(
        handled.len() == 10,
        "fetch_and_handle returned with {} of the 10 results handled: it must not return \
         before the consumer is done. Await the consumer's JoinHandle (dropping it does not \
         wait for the task) after the queue is closed\n{timeline}",
        handled.len()
    );
    let seen: Vec<_> = handled.iter().map(|(num, _, at)| (*num, ms(*at))).collect();
    assert!(
        seen.first().map(|&(num, _)| num) != Some(0),
        "the result of fetch 0, the slowest (1 s), was handled first: the fetches ran one \
         after another. Spawn every fetch before awaiting any of them\n{timeline}"
    );
    let expected: Vec<_> = (0..10)
        .rev()
        .map(|num| (num, (10 - u64::from(num)) * 100))
        .collect();
    assert_eq!(
        seen, expected,
        "(num, ms when handled): fetch num ends at (10 - num) × 100 ms, and its result must \
         be handled at once, in the order the results arrive. The consumer runs at the same \
         time as the fetches (start it first), not after all of them\n{timeline}"
    );
    assert!(
        handled
            .iter()
            .all(|(num, data, _)| *data == format!("joke {num}")),
        "handle(num, data) gets each fetch's own data: {handled:?}"
    );
    assert_eq!(
        summary,
        Summary {
            handled: 10,
            timed_out: vec![]
        },
        "ten results handled, none timed out"
    );
    timeline.assert_elapsed(
        returned,
        Duration::from_millis(1050),
        "the last result arrives at 1 s and is handled by 1.05 s: fetch_and_handle returns \
         then",
    );
}

#[graded::test]
fn the_fetches_run_at_the_same_time() {
    let (_, returned, _, _, timeline) = run(10, |_| Duration::from_secs(1), Duration::ZERO);
    timeline.assert_elapsed(
        returned,
        Duration::from_secs(1),
        "ten fetches of one second, all at once, take one second: spawn every fetch before \
         awaiting any of them",
    );
}

#[graded::test]
fn a_slow_fetch_is_cancelled_at_the_timeout() {
    // Fetch 3 takes 3 s, the others 1 s: fetch 3 times out at 1.2 s.
    let (summary, returned, _, log, timeline) = run(
        10,
        |num| Duration::from_secs(if num == 3 { 3 } else { 1 }),
        Duration::ZERO,
    );
    let completed = log.completed.lock().unwrap().clone();
    if let Some((_, at)) = completed.iter().find(|(num, _)| *num == 3) {
        panic!(
            "fetch 3 timed out at 1.2 s but kept running, and ended at {at:?}: dropping a \
             JoinHandle (which `timeout` does when it gives up on one) does not cancel a \
             spawned task, it lets it run on. Put the `timeout` around the fetch future \
             itself, so that the deadline drops it (or `abort()` the task)\n{timeline}"
        );
    }
    let dropped = log.dropped.lock().unwrap().clone();
    assert_eq!(
        dropped
            .iter()
            .map(|&(num, at)| (num, ms(at)))
            .collect::<Vec<_>>(),
        vec![(3, 1200)],
        "(num, ms when dropped): fetch 3, and only fetch 3, is cancelled, at 1.2 s after it \
         started\n{timeline}"
    );
    let handled: Vec<u32> = log.handled.lock().unwrap().iter().map(|h| h.0).collect();
    assert!(
        !handled.contains(&3),
        "the result of the timed-out fetch 3 was handled: {handled:?}"
    );
    assert_eq!(
        summary,
        Summary {
            handled: 9,
            timed_out: vec![3]
        },
        "nine results handled; fetch 3 timed out"
    );
    timeline.assert_elapsed(
        returned,
        Duration::from_millis(1200),
        "the last fetch ends at the timeout, 1.2 s: fetch_and_handle returns then",
    );
}

#[graded::test]
fn nothing_to_fetch_returns_at_once() {
    let (summary, returned, _, _, _) = run(0, |_| Duration::from_secs(1), Duration::ZERO);
    assert_eq!(summary, Summary::default(), "no fetch, nothing handled");
    assert_eq!(returned, Duration::ZERO, "no fetch: nothing to wait for");
}
