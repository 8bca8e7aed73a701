//! Exercise `bounded_pipeline`: a send into a full queue is pending until a receive wakes
//! it (proved on a mock task, `tokio_test::task::spawn`, with `is_woken`), and under
//! tokio's paused clock the instants of the sends show the backpressure.

// The starters' types hold nothing to drop yet; the solutions' do.
#![allow(clippy::drop_non_drop)]

use std::future::Future;
use std::time::Duration;

use lesson_08_queues::bounded_pipeline::{Closed, Report, bounded, run_pipeline};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio_test::task;

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(3);
/// Virtual time after which a paused test is stuck; a correct solution needs 6 s.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own. `waiting` is the advice when it waits forever (the paused clock
/// then jumps to `VIRTUAL_LIMIT` at once), `busy` when it keeps the runtime busy or
/// blocked (the clock cannot move, the real-time watchdog fires).
fn paused<F, T>(busy: &str, waiting: &str, make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    let waiting = waiting.to_owned();
    on_paused_runtime(REAL_LIMIT, busy, move || async move {
        within_async(VIRTUAL_LIMIT, &waiting, make()).await
    })
}

#[graded::test]
fn a_send_to_a_full_queue_waits_for_a_receive() {
    let (producer, mut consumer) = bounded::<u32>(2);
    for item in [0, 1] {
        let mut send = task::spawn(producer.send(item));
        assert!(
            send.poll().is_ready(),
            "send({item}) into a queue of capacity 2 holding {item} item(s) did not complete \
             at once: a send waits only when the queue is full"
        );
    }
    let mut third = task::spawn(producer.send(2));
    if third.poll().is_ready() {
        drop(third);
        let mut received = Vec::new();
        for _ in 0..3 {
            match task::spawn(consumer.recv()).poll() {
                std::task::Poll::Ready(Some(item)) => received.push(item),
                _ => break,
            }
        }
        if received.len() == 3 {
            panic!(
                "the third send into a full queue of capacity 2 completed at once and the \
                 queue now holds 3 items: the queue is unbounded (or bigger than \
                 `capacity`), so nothing pushes back on the producer; use \
                 `tokio::sync::mpsc::channel(capacity)`, whose `send` waits for a free slot"
            );
        }
        panic!(
            "the third send into a full queue of capacity 2 completed at once, and the item \
             was never received (got {received:?}): the item was dropped because the queue \
             was full (`try_send`?); a send must wait for a free slot: \
             `Sender::send(item).await`"
        );
    }
    assert!(
        !third.is_woken(),
        "the send into a full queue woke its own task before anything was received: it \
         busy-polls (`try_send` then `yield_now` in a loop) instead of waiting for a free \
         slot; `Sender::send(item).await` sleeps until a receive wakes it"
    );
    let mut recv = task::spawn(consumer.recv());
    assert_eq!(
        recv.poll(),
        std::task::Poll::Ready(Some(0)),
        "the queue holds 0 and 1: recv returns the first item sent"
    );
    drop(recv);
    assert!(
        third.is_woken(),
        "a receive freed a slot, but the pending send was not woken: its task would sleep \
         forever"
    );
    assert_eq!(
        third.poll(),
        std::task::Poll::Ready(Ok(())),
        "woken by the receive, the send finds a free slot and completes"
    );
}

#[graded::test]
fn the_queue_holds_exactly_capacity_items() {
    for capacity in [1, 5] {
        let (producer, _consumer) = bounded::<usize>(capacity);
        for item in 0..capacity {
            assert!(
                task::spawn(producer.send(item)).poll().is_ready(),
                "a queue of capacity {capacity} holding {item} item(s) is not full: the send \
                 must complete at once (is the channel made with `capacity`?)"
            );
        }
        assert!(
            task::spawn(producer.send(capacity)).poll().is_pending(),
            "a queue of capacity {capacity} holding {capacity} items is full: another send \
             must wait (is the channel made with `capacity`?)"
        );
    }
}

#[graded::test]
fn recv_ends_with_none_once_every_producer_is_dropped() {
    let received = paused(
        "receiving from a queue",
        "recv still waits although every Producer (and clone) was dropped and the queue is \
         empty: a `Sender` kept anywhere else (inside the Consumer, say) keeps the channel \
         open; the Consumer must own only the `Receiver`",
        || async {
            let (producer, mut consumer) = bounded::<u32>(4);
            let clone = producer.clone();
            producer.send(0).await.expect("the consumer is alive");
            clone.send(1).await.expect("the consumer is alive");
            producer.send(2).await.expect("the consumer is alive");
            drop(producer);
            drop(clone);
            let mut received = Vec::new();
            while let Some(item) = consumer.recv().await {
                received.push(item);
            }
            received
        },
    );
    assert_eq!(
        received,
        vec![0, 1, 2],
        "every item, in the order sent (by either clone), then None"
    );
}

#[graded::test]
fn send_hands_the_item_back_when_the_consumer_is_gone() {
    let (producer, consumer) = bounded::<String>(2);
    drop(consumer);
    let mut send = task::spawn(producer.send("lost".to_owned()));
    assert_eq!(
        send.poll(),
        std::task::Poll::Ready(Err(Closed("lost".to_owned()))),
        "nobody will ever receive: send must fail at once and hand the item back"
    );
}

#[graded::test]
fn the_send_instants_show_the_backpressure() {
    let (report, took, timeline) = paused(
        "run_pipeline",
        "run_pipeline never finished: is the producer awaited before the consumer is \
         started? With a bounded queue the producer then waits for a receive that never \
         comes. Run both at the same time (spawn both, then await both)",
        || async {
            let start = tokio::time::Instant::now();
            let timeline = Timeline::new();
            let report = run_pipeline(vec![0, 1, 2, 3, 4, 5], 2, Duration::from_secs(1)).await;
            (report, start.elapsed(), timeline)
        },
    );
    for (item, at) in report.sent_at.iter().enumerate() {
        timeline.record(format!("send({item}) done"), *at, Some(*at));
    }
    let Report { handled, sent_at } = report;
    assert_eq!(
        handled,
        vec![0, 1, 2, 3, 4, 5],
        "run_pipeline returned before the consumer handled every item (await the \
         consumer's JoinHandle: dropping it does not wait), or the items were lost"
    );
    let expected: Vec<Duration> = [0, 0, 0, 1, 2, 3]
        .into_iter()
        .map(Duration::from_secs)
        .collect();
    // Rounded to tenths of a second: tokio's timers may add a millisecond.
    let whole = |at: &Duration| Duration::from_millis((at.as_millis() as u64 + 50) / 100 * 100);
    assert_eq!(
        sent_at.iter().map(whole).collect::<Vec<_>>(),
        expected,
        "when each send completed, with capacity 2 and 1 s per item: two sends fill the \
         queue and the consumer takes the first at once, then each send waits one second \
         for the consumer to take an item. All at 0 s: nothing pushed back (an unbounded \
         queue?). Later than that: the consumer does not receive the next item as soon as \
         it is done with one.\n{timeline}"
    );
    timeline.assert_elapsed(
        took,
        Duration::from_secs(6),
        "six items at one second each, handled one after another, the last one handled \
         just before run_pipeline returns",
    );
}
