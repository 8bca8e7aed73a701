//! Exercise `self_waking`: a future that yields n times, waking itself each time.
//!
//! The tests are executors that poll only when the waker was called (a counting waker,
//! `futures_test::task::new_count_waker`, and tokio-test's mock task): they count the polls
//! and the wake-ups, so spinning inside `poll`, a `Pending` nobody wakes and busy-polling
//! each show as a different count.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_test::task::new_count_waker;
use lesson_04_futures::self_waking::YieldTimes;
use pretty_assertions::assert_eq;
use shared::panics::catch_quietly;
use shared::watchdog::within;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(3);

/// Polls `YieldTimes::new(n)` the way an executor does, only when its waker was called,
/// and checks every poll: `n` wakes and `Pending`s, then `Ready(n)`, in `n + 1` polls.
fn drive(n: u32) {
    let (waker, woken) = new_count_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = YieldTimes::new(n);
    let mut wakes_before = woken.get();
    for poll in 1..=n + 1 {
        let outcome = Pin::new(&mut future).poll(&mut cx);
        let wakes = woken.get() - wakes_before;
        wakes_before = woken.get();
        match outcome {
            Poll::Ready(output) => {
                assert_eq!(
                    poll,
                    n + 1,
                    "YieldTimes::new({n}) was ready at poll {poll}, after only {} `Pending`s \
                     (it woke the waker {wakes} time(s) in that last poll): it must return \
                     `Pending` {n} times, one per poll; do not loop inside `poll` to do all \
                     the steps at once (that is spinning: no other task runs meanwhile)",
                    poll - 1
                );
                assert_eq!(output, n, "YieldTimes::new({n}) is ready with {n}");
            }
            Poll::Pending => {
                assert!(
                    wakes > 0,
                    "poll {poll} of YieldTimes::new({n}) returned `Pending` without waking \
                     the waker: an executor never polls that task again. Call \
                     `cx.waker().wake_by_ref()` before returning `Pending`"
                );
                assert_eq!(
                    wakes, 1,
                    "poll {poll} of YieldTimes::new({n}) woke the waker {wakes} times for one \
                     `Pending`: wake it exactly once"
                );
                assert!(
                    poll <= n,
                    "YieldTimes::new({n}) was still `Pending` at poll {poll} and woke itself \
                     again: it returns `Pending` more than {n} times (it must count down, and \
                     be ready once it has yielded {n} times); waking yourself forever is \
                     busy-polling: the executor polls it without end and burns a CPU core"
                );
            }
        }
    }
}

#[graded::test]
fn polled_exactly_n_plus_one_times() {
    within(LIMIT, "polling YieldTimes by hand", || {
        for n in [3, 0, 1, 10] {
            drive(n);
        }
    });
}

#[graded::test]
fn the_task_is_woken_after_each_pending() {
    let mut task = tokio_test::task::spawn(YieldTimes::new(2));
    for poll in 1..=2 {
        assert!(
            task.poll().is_pending(),
            "poll {poll} of YieldTimes::new(2) was ready: it must be `Pending` twice"
        );
        assert!(
            task.is_woken(),
            "poll {poll} of YieldTimes::new(2) returned `Pending` and the task was not \
             woken: nothing will ever poll it again. Call `cx.waker().wake_by_ref()` \
             before returning `Pending`"
        );
    }
    assert_eq!(
        task.poll(),
        Poll::Ready(2),
        "the third poll is ready with 2"
    );
}

#[graded::test]
fn polling_after_ready_panics() {
    let (waker, _) = new_count_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = YieldTimes::new(0);
    assert_eq!(
        Pin::new(&mut future).poll(&mut cx),
        Poll::Ready(0),
        "YieldTimes::new(0) is ready at the first poll"
    );
    let again = catch_quietly(|| Pin::new(&mut future).poll(&mut cx));
    assert!(
        again.is_err(),
        "polling YieldTimes again after it returned `Ready` must panic (a caller's bug, as \
         with the compiler's futures), got {:?}: remember that it is finished (`remaining` \
         becomes `None`) and panic then",
        again.ok()
    );
}

#[graded::test]
fn tokio_runs_it_to_the_end() {
    let outputs = within(
        LIMIT,
        "awaiting two YieldTimes on tokio (a `Pending` nobody wakes leaves the task asleep \
         forever; one that wakes itself forever never ends)",
        || {
            tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a tokio runtime")
                .block_on(async { tokio::join!(YieldTimes::new(5), YieldTimes::new(7)) })
        },
    );
    assert_eq!(outputs, (5, 7));
}
