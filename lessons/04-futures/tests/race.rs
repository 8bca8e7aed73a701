//! Exercise `race`: the first future to finish wins, ties go left, the loser is dropped
//! before `race` returns; `timeout` built on it.
//!
//! Every timed test runs on tokio's paused clock in a runtime of its own, on a std thread
//! under a watchdog; timing failures draw a timeline. Probes count polls, completions and
//! drops; a mock task (`tokio_test`) over oneshot channels proves that `race` sleeps
//! until woken.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::channel::oneshot;
use lesson_04_futures::race::{Either, race, timeout};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use shared::watchdog::within;
use tokio::time::{Instant, sleep};

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(2);

/// What a hang most likely means.
const BLOCKED: &str = "it never finished: is the thread blocked (no \
    `futures::executor::block_on`, no `std::thread::sleep` inside a future), or does race \
    wake itself at every `Pending` (busy-polling: the runtime never idles, so its paused \
    clock never moves on)? Return `Pending` and let the futures wake the task";

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

/// What happened to one probe.
#[derive(Debug, Default)]
struct Counts {
    polls: AtomicUsize,
    finished: AtomicUsize,
    dropped: AtomicUsize,
}

impl Counts {
    fn get(&self) -> (usize, usize) {
        (
            self.finished.load(Ordering::SeqCst),
            self.dropped.load(Ordering::SeqCst),
        )
    }
}

/// A future that counts its polls, its completion and its drop.
struct Probe<F> {
    future: Pin<Box<F>>,
    counts: Arc<Counts>,
}

impl<F: Future> Future for Probe<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.counts.polls.fetch_add(1, Ordering::SeqCst);
        let outcome = self.future.as_mut().poll(cx);
        if outcome.is_ready() {
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

fn probe<F: Future>(future: F) -> (Probe<F>, Arc<Counts>) {
    let counts = Arc::new(Counts::default());
    let probe = Probe {
        future: Box::pin(future),
        counts: Arc::clone(&counts),
    };
    (probe, counts)
}

#[graded::test]
fn the_first_to_finish_wins() {
    let (outcome, took, timeline) = paused("race of a 2 s and a 1 s sleep", || async {
        let timeline = Timeline::new();
        let start = Instant::now();
        let outcome = race(
            timeline.track("left: 2 s", after(2, "slow")),
            timeline.track("right: 1 s", after(1, "fast")),
        )
        .await;
        (outcome, start.elapsed(), timeline)
    });
    assert_eq!(
        outcome,
        Either::Right("fast"),
        "race(2 s, 1 s): the first to finish wins, whichever side it is on\n{timeline}"
    );
    timeline.assert_elapsed(
        took,
        Duration::from_secs(1),
        "race returns as soon as the first future finishes",
    );
    let outcome = paused("race of a 1 s and a 3 s sleep", || async {
        race(after(1, "fast"), after(3, "slow")).await
    });
    assert_eq!(outcome, Either::Left("fast"), "race(1 s, 3 s)");
    let outcome = paused(
        "race of a future that never finishes and a 1 s sleep",
        || race(std::future::pending::<()>(), after(1, "the only one")),
    );
    assert_eq!(
        outcome,
        Either::Right("the only one"),
        "race(a future that never finishes, 1 s)"
    );
}

#[graded::test]
fn the_loser_is_dropped_before_race_returns() {
    let (at_return, later) = paused("race of a 1 s and a 5 s sleep", || async {
        let (winner, winner_counts) = probe(after(1, "winner"));
        let (loser, loser_counts) = probe(after(5, "loser"));
        let outcome = race(winner, loser).await;
        assert_eq!(outcome, Either::Left("winner"));
        let at_return = (winner_counts.get(), loser_counts.get());
        sleep(Duration::from_secs(10)).await;
        (at_return, loser_counts.get())
    });
    assert_eq!(
        at_return.1,
        (0, 1),
        "(loser finished, loser dropped) when race returned: the loser must be dropped \
         (cancelled) before race returns, never finishing. It was still alive: a spawned \
         task is not cancelled when its `JoinHandle` is dropped; keep both futures inside \
         race (after that, it finished {} time(s))",
        later.0
    );
    assert_eq!(
        at_return.0,
        (1, 1),
        "(winner finished, winner dropped) when race returned"
    );
}

#[graded::test]
fn sleeps_until_woken() {
    within(LIMIT, BLOCKED, || {
        let (_left_tx, left_rx) = oneshot::channel::<u32>();
        let (right_tx, right_rx) = oneshot::channel::<&str>();
        let mut task = tokio_test::task::spawn(race(left_rx, right_rx));
        assert!(
            task.poll().is_pending(),
            "race of two pending futures was ready"
        );
        assert!(
            !task.is_woken(),
            "race woke its own task although neither future was ready: that is \
             busy-polling (the executor polls it again and again for nothing); return \
             `Pending` and let the futures wake the task"
        );
        // (Ignored if race dropped the right future: the next assertion says what is wrong.)
        let _ = right_tx.send("right");
        assert!(
            task.is_woken(),
            "the right future became ready and the task was not woken: poll both futures \
             with the `cx` that race was polled with"
        );
        assert_eq!(task.poll(), Poll::Ready(Either::Right(Ok("right"))));
    });
}

#[graded::test]
fn ties_go_left() {
    within(LIMIT, BLOCKED, || {
        for round in 1..=50 {
            let (right, right_counts) = probe(async { "right" });
            let mut task = tokio_test::task::spawn(race(async { "left" }, right));
            assert_eq!(
                task.poll(),
                Poll::Ready(Either::Left("left")),
                "race of two futures that are both ready at the first poll (round \
                 {round}): ties: left wins. Poll the left future first, and the right one \
                 only if the left one is pending (tokio's `select!` chooses at random \
                 unless it starts with `biased;`)"
            );
            drop(task);
            assert_eq!(
                right_counts.polls.load(Ordering::SeqCst),
                0,
                "the left future was ready at the first poll, yet the right one was polled: \
                 poll it only when the left one is pending"
            );
        }
    });
}

#[graded::test]
fn timeout_gives_up_at_the_deadline() {
    let (outcome, took, counts) = paused("timeout(1 s) of a 5 s sleep", || async {
        let (future, counts) = probe(after(5, "late"));
        let start = Instant::now();
        let outcome = timeout(Duration::from_secs(1), future).await;
        (outcome, start.elapsed(), counts.get())
    });
    assert_eq!(outcome, None, "timeout(1 s) of a future that takes 5 s");
    shared::clock::assert_elapsed(
        took,
        Duration::from_secs(1),
        "timeout(1 s) must return at the deadline",
    );
    assert_eq!(
        counts,
        (0, 1),
        "(finished, dropped) when timeout returned: the future that ran out of time must \
         be dropped (cancelled) before timeout returns"
    );
    let outcome = paused("timeout(2 s) of a 1 s sleep", || async {
        timeout(Duration::from_secs(2), after(1, "in time")).await
    });
    assert_eq!(
        outcome,
        Some("in time"),
        "timeout(2 s) of a future that takes 1 s"
    );
}

#[graded::test]
fn timeout_lets_a_future_ready_at_the_deadline_win() {
    let outcome = paused("timeout(1 s) of a 1 s sleep", || async {
        timeout(Duration::from_secs(1), after(1, "just in time")).await
    });
    assert_eq!(
        outcome,
        Some("just in time"),
        "timeout(1 s) of a future that is ready exactly at the deadline: the future wins \
         (it is ready in the same poll as the sleep): race the future as the LEFT side, \
         against the sleep"
    );
}
