//! Exercise `gather`: many futures at once on one task, outputs in input order;
//! `try_gather` fails fast and cancels the rest.
//!
//! Every test runs on tokio's paused clock in a runtime of its own, on a std thread under
//! a watchdog (a blocked runtime fails with advice instead of hanging). Timing failures
//! draw a timeline of the futures (`shared::timeline`); probes count drops and
//! completions and panic when a finished future is polled again; a mock task
//! (`tokio_test`) over oneshot channels proves that `gather` sleeps until woken.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::channel::oneshot;
use lesson_04_futures::gather::{gather, try_gather};
use pretty_assertions::assert_eq;
use shared::heartbeat::Heartbeat;
use shared::timeline::Timeline;
use shared::watchdog::within;
use tokio::time::{Instant, sleep};

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(2);

/// What a hang most likely means.
const BLOCKED: &str = "it never finished: is the thread blocked? No \
    `futures::executor::block_on` and no `std::thread::sleep` inside a future: return \
    `Pending` and let the futures wake the task";

/// Runs the future that `test` makes on a paused current-thread runtime of its own, on
/// a std thread under a watchdog.
fn paused<T, F>(what: &str, test: impl FnOnce() -> F + Send + 'static) -> T
where
    T: Send + 'static,
    F: Future<Output = T>,
{
    shared::watchdog::on_paused_runtime(LIMIT, &format!("{what} ({BLOCKED})"), test)
}

/// Sleeps `secs` seconds, then returns `value`.
async fn after<T>(secs: u64, value: T) -> T {
    sleep(Duration::from_secs(secs)).await;
    value
}

/// Counts of what happened to the probes of one test.
#[derive(Debug, Default)]
struct Counts {
    finished: AtomicUsize,
    dropped: AtomicUsize,
}

/// A future that counts its completion and its drop, and panics with advice when it
/// is polled again after it returned `Ready`.
struct Probe<F> {
    name: String,
    future: Pin<Box<F>>,
    finished: bool,
    counts: Arc<Counts>,
}

impl<F: Future> Future for Probe<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        assert!(
            !self.finished,
            "{} was polled again after it returned `Ready`: never poll a finished future \
             (many panic then, as `async` blocks do); keep its output and skip it",
            self.name
        );
        let outcome = self.future.as_mut().poll(cx);
        if outcome.is_ready() {
            self.finished = true;
            self.counts.finished.fetch_add(1, Ordering::SeqCst);
        }
        outcome
    }
}

impl<F> Drop for Probe<F> {
    fn drop(&mut self) {
        self.counts.dropped.fetch_add(1, Ordering::SeqCst);
    }
}

fn probe<F: Future>(name: &str, counts: &Arc<Counts>, future: F) -> Probe<F> {
    Probe {
        name: name.to_string(),
        future: Box::pin(future),
        finished: false,
        counts: Arc::clone(counts),
    }
}

#[graded::test]
fn sleeps_until_woken() {
    within(LIMIT, BLOCKED, || {
        let (first_tx, first_rx) = oneshot::channel::<u32>();
        let (second_tx, second_rx) = oneshot::channel::<u32>();
        let mut task = tokio_test::task::spawn(gather(vec![first_rx, second_rx]));
        assert!(
            task.poll().is_pending(),
            "gather of two futures that are both pending was ready"
        );
        assert!(
            !task.is_woken(),
            "gather woke its own task although none of its futures was ready: that is \
             busy-polling (the executor polls it again and again for nothing); return \
             `Pending` and let the futures wake the task"
        );
        first_tx.send(1).unwrap();
        assert!(
            task.is_woken(),
            "one of the futures became ready and the task was not woken: poll every future \
             with the `cx` that gather was polled with"
        );
        assert!(
            task.poll().is_pending(),
            "gather was ready while one of its futures was still pending"
        );
        second_tx.send(2).unwrap();
        assert!(task.is_woken());
        assert_eq!(task.poll(), Poll::Ready(vec![Ok(1), Ok(2)]));
    });
}

#[graded::test]
fn a_finished_future_is_never_polled_again() {
    let outputs = paused("gather of probes", || async {
        let counts = Arc::new(Counts::default());
        let futures = vec![
            probe("the 1 s future", &counts, after(1, 1)),
            probe("the 3 s future", &counts, after(3, 3)),
            probe("the 2 s future", &counts, after(2, 2)),
            probe("the ready future", &counts, after(0, 0)),
        ];
        gather(futures).await
    });
    assert_eq!(
        outputs,
        [1, 3, 2, 0],
        "gather of futures that finish after 1 s, 3 s, 2 s and at once: the outputs in the \
         order of the futures, not in the order they finished"
    );
}

#[graded::test]
fn no_futures_at_all() {
    let mut task = tokio_test::task::spawn(gather(Vec::<std::future::Ready<u32>>::new()));
    assert_eq!(
        task.poll(),
        Poll::Ready(Vec::new()),
        "gather of no futures is ready at once, with no outputs"
    );
}

#[graded::test]
fn outputs_in_input_order() {
    let outputs = paused("gather of three sleeps", || async {
        gather(vec![after(3, "a"), after(1, "b"), after(2, "c")]).await
    });
    assert_eq!(
        outputs,
        ["a", "b", "c"],
        "gather of futures that finish after 3 s, 1 s and 2 s: the outputs must be in the \
         order of the futures, not in the order they finished (keep each output at its \
         future's index)"
    );
}

#[graded::test]
fn ten_one_second_futures_take_one_second() {
    let (outputs, took, timeline) = paused("gather of ten one-second sleeps", || async {
        let timeline = Timeline::new();
        let futures: Vec<_> = (0..10)
            .map(|i| timeline.track(format!("future {i}"), after(1, i)))
            .collect();
        let start = Instant::now();
        let outputs = gather(futures).await;
        (outputs, start.elapsed(), timeline)
    });
    timeline.assert_elapsed(
        took,
        Duration::from_secs(1),
        "gather awaited the futures one after another; in each poll, poll every future \
         that is not finished yet",
    );
    assert_eq!(outputs, (0..10).collect::<Vec<_>>());
}

#[graded::test]
fn never_blocks_the_runtime() {
    let beats = paused(
        "gather of one-second sleeps next to a heartbeat",
        || async {
            let heartbeat = Heartbeat::start(Duration::from_millis(100));
            gather(vec![after(1, ()), after(1, ())]).await;
            heartbeat.beats()
        },
    );
    assert!(
        beats >= 9,
        "the heartbeat beat {beats} times during a one-second gather, expected at least 9: \
         gather blocked the runtime's thread"
    );
}

#[graded::test]
fn try_gather_returns_all_values_in_order() {
    let outcome = paused("try_gather of successes", || async {
        try_gather(vec![
            after(2, Ok::<u32, String>(1)),
            after(1, Ok(2)),
            after(3, Ok(3)),
        ])
        .await
    });
    assert_eq!(
        outcome,
        Ok(vec![1, 2, 3]),
        "try_gather when every future succeeds: Ok with the values in input order"
    );
}

#[graded::test]
fn try_gather_fails_fast_and_drops_the_rest() {
    let (outcome, took, counts_at_return, timeline) =
        paused("try_gather with failures", || async {
            let timeline = Timeline::new();
            let counts = Arc::new(Counts::default());
            let future = |name: &str, secs, outcome: Result<u32, String>| {
                probe(name, &counts, timeline.track(name, after(secs, outcome)))
            };
            let futures = vec![
                future("ok after 1 s", 1, Ok(1)),
                future("fails after 3 s", 3, Err("failed after 3 s".to_string())),
                future("fails after 2 s", 2, Err("failed after 2 s".to_string())),
                future("ok after 10 s", 10, Ok(4)),
            ];
            let start = Instant::now();
            let outcome = try_gather(futures).await;
            let took = start.elapsed();
            let counts_at_return = (
                counts.finished.load(Ordering::SeqCst),
                counts.dropped.load(Ordering::SeqCst),
            );
            (outcome, took, counts_at_return, timeline)
        });
    timeline.assert_elapsed(
        took,
        Duration::from_secs(2),
        "try_gather must return as soon as the first future fails (the one failing after \
         2 s), without waiting for the others",
    );
    assert_eq!(
        outcome,
        Err("failed after 2 s".to_string()),
        "the error of try_gather: the first to fail in time, not in input order"
    );
    assert_eq!(
        counts_at_return,
        (2, 4),
        "(futures finished, futures dropped) when try_gather returned: the 1 s and the \
         2 s futures finished, and all four were dropped, so the 3 s and 10 s futures were \
         cancelled. A future still alive after try_gather returned keeps running (a \
         spawned task is not cancelled when its `JoinHandle` is dropped): keep the \
         futures inside try_gather and let them drop when it returns\n{timeline}"
    );
}
