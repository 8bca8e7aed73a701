//! Exercise `desugared_future`: `sum_two` written out as an enum that implements `Future`.
//!
//! The tests drive the futures by hand with their own poll loop (capped, so that a future
//! that never completes fails instead of looping forever), with probes that log every
//! poll, and compare the hand-written state machine with the compiler's.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use lesson_03_coroutines::desugared_future::{Later, SumTwo, poll_to_end, sum_two};
use pretty_assertions::assert_eq;
use shared::watchdog::{within, within_async};

/// The most polls any test future needs is 10; a future still pending after this many
/// polls never completes.
const MAX_POLLS: u32 = 100;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(5);

/// Polls `future` with `waker` until it is ready: its output and the number of polls.
/// Fails after `MAX_POLLS` polls.
fn drive<F: Future + Unpin>(mut future: F, waker: &Waker) -> (F::Output, u32) {
    let mut cx = Context::from_waker(waker);
    for polls in 1..=MAX_POLLS {
        if let Poll::Ready(output) = Pin::new(&mut future).poll(&mut cx) {
            return (output, polls);
        }
    }
    panic!(
        "the future was still pending after {MAX_POLLS} polls, although everything it awaits \
         was ready long before: does `poll` move on to the next state when the awaited \
         future is ready?"
    );
}

/// A future that logs each of its polls as `"NAME"`, is pending `pending` times (waking
/// the task each time), then ready with `value`.
struct Probe {
    name: &'static str,
    value: u32,
    pending: u32,
    log: Rc<RefCell<Vec<&'static str>>>,
}

impl Future for Probe {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.log.borrow_mut().push(self.name);
        if self.pending == 0 {
            Poll::Ready(self.value)
        } else {
            self.pending -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Two probes that share a log.
fn probes(
    first_pending: u32,
    second_pending: u32,
) -> (Probe, Probe, Rc<RefCell<Vec<&'static str>>>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let probe = |name, value, pending| Probe {
        name,
        value,
        pending,
        log: log.clone(),
    };
    (
        probe("first", 20, first_pending),
        probe("second", 22, second_pending),
        log,
    )
}

/// A waker that counts how many times it is woken.
struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[graded::test]
fn sums_the_two_outputs() {
    let (output, _) = drive(
        SumTwo::new(Later::new(20, 0), Later::new(22, 0)),
        Waker::noop(),
    );
    assert_eq!(output, 42, "20 + 22, both ready at once");
    let (output, _) = drive(
        SumTwo::new(Later::new(1, 2), Later::new(2, 3)),
        Waker::noop(),
    );
    assert_eq!(output, 3, "1 + 2, after some `Pending`s");
}

#[graded::test]
fn awaits_first_then_second_like_the_async_fn() {
    // The compiler's state machine, observed.
    let (first, second, log) = probes(2, 1);
    let (output, _) = drive(Box::pin(sum_two(first, second)), Waker::noop());
    assert_eq!(output, 42);
    let compiled = log.borrow().clone();
    assert_eq!(
        compiled,
        ["first", "first", "first", "second", "second"],
        "(the compiler's own future for `sum_two`)"
    );
    // The hand-written one.
    let (first, second, log) = probes(2, 1);
    let created = SumTwo::new(first, second);
    assert!(
        log.borrow().is_empty(),
        "creating the future polled something: a future does nothing until it is polled"
    );
    let (output, _) = drive(created, Waker::noop());
    assert_eq!(output, 42);
    assert_eq!(
        *log.borrow(),
        compiled,
        "the polls that reached `first` and `second`, in order: `first.await` then \
         `second.await` polls `second` only once `first` is ready, and never polls a future \
         again once it is ready"
    );
}

#[graded::test]
fn takes_as_many_polls_as_the_async_fn() {
    for (first_pending, second_pending) in [(0, 0), (2, 0), (0, 3), (2, 3), (4, 1)] {
        let (_, compiled) = drive(
            Box::pin(sum_two(
                Later::new(1, first_pending),
                Later::new(2, second_pending),
            )),
            Waker::noop(),
        );
        let (_, by_hand) = drive(
            SumTwo::new(Later::new(1, first_pending), Later::new(2, second_pending)),
            Waker::noop(),
        );
        let advice = if by_hand > compiled {
            "when `first` is ready, go on to poll `second` in the same `poll` (a loop): do \
             not return `Pending` in between"
        } else {
            "return `Pending` as soon as the awaited future does: do not poll it in a loop \
             inside `poll` (that blocks the thread until it is ready)"
        };
        assert_eq!(
            by_hand, compiled,
            "polls until ready, with `first` pending {first_pending} times and `second` \
             pending {second_pending} times: the async fn needs {compiled}, `SumTwo` took \
             {by_hand}; {advice}"
        );
    }
}

#[graded::test]
fn every_pending_has_a_wake_up() {
    // A real executor polls a task again only once its waker is called: a `Pending`
    // nobody will wake leaves the task asleep forever.
    let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut future = SumTwo::new(Later::new(1, 2), Later::new(2, 3));
    let mut cx = Context::from_waker(&waker);
    for poll in 1..=MAX_POLLS {
        let woken_before = counter.0.load(Ordering::SeqCst);
        if let Poll::Ready(output) = Pin::new(&mut future).poll(&mut cx) {
            assert_eq!(output, 3, "1 + 2");
            return;
        }
        assert!(
            counter.0.load(Ordering::SeqCst) > woken_before,
            "poll {poll} returned `Pending` and nothing woke the task's waker: an executor \
             would never poll it again. Poll the awaited future with the `cx` you were given \
             (it wakes the task when it returns `Pending`), not with a `Context` of your own, \
             and return `Pending` only when that future did"
        );
    }
    panic!("the future was still pending after {MAX_POLLS} polls");
}

#[graded::test]
fn polling_after_completion_panics() {
    let mut future = SumTwo::new(Later::new(1, 0), Later::new(2, 0));
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(
        Pin::new(&mut future).poll(&mut cx),
        Poll::Ready(3),
        "both futures are ready at once: the first poll is ready (go on to `second` in the \
         same poll)"
    );
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Pin::new(&mut future).poll(&mut cx)
    }));
    assert!(
        again.is_err(),
        "polling a future again after it returned `Ready` is a bug of the caller; it must \
         panic (as the compiler's futures do), got {again:?}: move to `Done` when you \
         return `Ready`, and panic in `Done`"
    );
}

#[graded::test]
fn poll_to_end_counts_the_polls() {
    let (output, polls) = within(LIMIT, "poll_to_end of a ready future", || {
        poll_to_end(std::future::ready("ready"))
    });
    assert_eq!(
        (output, polls),
        ("ready", 1),
        "a ready future is ready at the first poll"
    );
    let (output, polls) = within(LIMIT, "poll_to_end of `Later::new(7, 4)`", || {
        poll_to_end(Later::new(7, 4))
    });
    assert_eq!(
        (output, polls),
        (7, 5),
        "`Later::new(7, 4)` is pending 4 times: the fifth poll is ready"
    );
}

#[graded::test]
fn poll_to_end_runs_any_future() {
    let (output, polls) = within(LIMIT, "poll_to_end of the async fn `sum_two`", || {
        poll_to_end(sum_two(Later::new(1, 2), Later::new(2, 3)))
    });
    assert_eq!(
        (output, polls),
        (3, 6),
        "`sum_two` with 2 and 3 `Pending`s: 6 polls (a future that is not `Unpin`, like \
         this one, must be pinned first: `std::pin::pin!`)"
    );
    let (output, polls) = within(LIMIT, "poll_to_end of SumTwo", || {
        poll_to_end(SumTwo::new(Later::new(1, 2), Later::new(2, 3)))
    });
    assert_eq!(
        (output, polls),
        (3, 6),
        "the hand-written `SumTwo`: the same 6 polls as `sum_two`"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn tokio_runs_it_like_any_future() {
    let output = within_async(
        LIMIT,
        "awaiting SumTwo on tokio (a `Pending` that nobody wakes leaves the task asleep \
         forever)",
        SumTwo::new(Later::new(40, 3), Later::new(2, 3)),
    )
    .await;
    assert_eq!(output, 42);
}
