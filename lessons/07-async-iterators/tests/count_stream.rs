//! Exercise `count_stream`: a hand-written `Stream` that waits with a pinned `Sleep`.
//!
//! Each test runs the stream on a current-thread runtime with tokio's clock paused, on a
//! thread of its own under a real-time watchdog: a `poll_next` that blocks the thread (or
//! loops until the time has passed) fails in seconds with advice instead of hanging. The
//! waker is checked with a mock task (`tokio_test::task::spawn`): `is_woken` tells whether
//! the `Sleep` registered it, and when.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures::{Stream, StreamExt};
use lesson_07_async_iterators::count_stream::CountStream;
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::time::{Instant, advance};

/// Runs `test` on a current-thread runtime with the clock paused, on a thread of its own,
/// and fails with advice if it does not finish within a few seconds of real time.
fn paused<F: Future<Output = ()> + 'static>(test: impl FnOnce() -> F + Send + 'static) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(2),
        "reading the CountStream (does `poll_next` block the thread, with \
         `std::thread::sleep` or a loop waiting for the time to pass? Wait with a \
         `tokio::time::Sleep` kept in the struct and return `Pending`)",
        test,
    );
}

/// Virtual time since `start`, in whole milliseconds, for messages.
fn at(start: Instant) -> String {
    format!("{:?}", start.elapsed())
}

#[graded::test]
fn pending_registers_the_waker() {
    paused(|| async {
        let start = Instant::now();
        let mut task = tokio_test::task::spawn(CountStream::new(1, 5));
        match task.poll_next() {
            Poll::Pending => {}
            Poll::Ready(Some(n)) => panic!(
                "the first `poll_next` returned `Ready(Some({n}))` at {} of virtual time, \
                 at once: it must return `Pending` and let the runtime wait one second. A \
                 `std::thread::sleep` blocks the whole thread (and tokio's clock does not see \
                 it): create a `tokio::time::sleep`, keep it in the struct and poll it",
                at(start)
            ),
            Poll::Ready(None) => {
                panic!("`CountStream::new(1, 5)` ended at once: it yields 2, 3, 4 and 5")
            }
        }
        advance(Duration::from_millis(999)).await;
        assert!(
            !task.is_woken(),
            "the task was woken before the second was over: `poll_next` calls \
             `wake_by_ref` itself and so busy-polls. Let the `Sleep` wake the task: poll it \
             and return `Pending` when it is pending"
        );
        advance(Duration::from_millis(1)).await;
        assert!(
            task.is_woken(),
            "`poll_next` returned `Pending` without a waker registered: nothing will ever \
             wake the task, and the stream hangs. Returning `Pending` is only allowed after \
             polling something that is pending (the `Sleep`), which stores `cx.waker()`"
        );
        assert_eq!(
            task.poll_next(),
            Poll::Ready(Some(2)),
            "woken after one second, `poll_next` must yield the first number, 2: if it is \
             `Pending` again, it started the second over (a `Sleep` created on every \
             `poll_next`); create the `Sleep` once per item and keep it in the struct"
        );
    });
}

#[graded::test]
fn a_spurious_poll_keeps_the_deadline() {
    paused(|| async {
        let mut task = tokio_test::task::spawn(CountStream::new(1, 5));
        assert!(task.poll_next().is_pending(), "the first poll is pending");
        advance(Duration::from_millis(600)).await;
        assert!(
            task.poll_next().is_pending(),
            "polled again at 0.6 s, the item is not due yet: `Pending`"
        );
        advance(Duration::from_millis(400)).await;
        assert_eq!(
            task.poll_next(),
            Poll::Ready(Some(2)),
            "polled a second time at 0.6 s, the stream did not yield 2 at 1 s: it started \
             the second over. A `Sleep` created on every `poll_next` moves the deadline each \
             time the task is polled (and never fires when it is polled often): create the \
             `Sleep` once per item, keep it in the struct, and poll that same one"
        );
    });
}

#[graded::test]
fn yields_one_a_second() {
    paused(|| async {
        let timeline = Timeline::new();
        let start = Instant::now();
        let mut numbers = CountStream::new(1, 5);
        let mut got = Vec::new();
        for _ in 0..6 {
            let item = timeline.track("next()", numbers.next()).await;
            match item {
                Some(n) => got.push((n, start.elapsed().as_millis())),
                None => break,
            }
        }
        let expected = vec![(2, 1000), (3, 2000), (4, 3000), (5, 4000)];
        assert!(
            got == expected,
            "`CountStream::new(1, 5)` yielded (number, virtual ms) {got:?}, expected \
             {expected:?}: the numbers after `start` up to `end`, each one second after it \
             was asked for\n{timeline}"
        );
    });
}

#[graded::test]
fn ends_at_once_and_stays_ended() {
    paused(|| async {
        let start = Instant::now();
        let mut numbers = CountStream::new(1, 3);
        assert_eq!(numbers.next().await, Some(2));
        assert_eq!(numbers.next().await, Some(3));
        let before = start.elapsed();
        assert_eq!(numbers.next().await, None, "after 3, the stream ends");
        assert_eq!(
            start.elapsed(),
            before,
            "the stream waited {:?} before ending: check the end *before* starting the \
             second's `Sleep`, as `__anext__` does, so that `None` comes at once",
            start.elapsed() - before
        );
        let mut cx = Context::from_waker(Waker::noop());
        for again in 1..=3 {
            let poll = shared::panics::catch_quietly(|| Pin::new(&mut numbers).poll_next(&mut cx))
                .unwrap_or_else(|payload| {
                    panic!(
                        "`poll_next` panicked when polled again after the end ({:?}): a \
                         finished stream must keep returning `Ready(None)`",
                        shared::panics::message(payload.as_ref())
                    )
                });
            assert_eq!(
                poll,
                Poll::Ready(None),
                "polled again ({again}) after it returned `Ready(None)`, the stream must \
                 return `Ready(None)` again, at once: it ended, and stays ended"
            );
        }
    });
}

#[graded::test]
fn an_empty_range_yields_nothing() {
    paused(|| async {
        let start = Instant::now();
        assert_eq!(
            CountStream::new(5, 5).next().await,
            None,
            "`new(5, 5)` yields nothing"
        );
        assert_eq!(
            CountStream::new(7, 3).next().await,
            None,
            "`new(7, 3)` yields nothing: `start >= end`"
        );
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "an empty stream ends at once, without waiting a second"
        );
    });
}

#[graded::test]
fn the_second_starts_when_an_item_is_asked_for() {
    paused(|| async {
        let mut numbers = CountStream::new(10, 12);
        tokio::time::sleep(Duration::from_secs(10)).await;
        let start = Instant::now();
        assert_eq!(numbers.next().await, Some(11));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(1),
            "created 10 s before the first `next`, the stream must still take one second \
             for the first item: the `Sleep` starts when the item is asked for (in \
             `poll_next`), not in `new`"
        );
        assert_eq!(numbers.next().await, Some(12));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "the second item comes one second after the first"
        );
    });
}
