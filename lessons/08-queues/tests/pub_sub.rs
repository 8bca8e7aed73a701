//! Exercise `pub_sub`: a subscriber that falls behind is told how many messages it missed
//! and carries on (checked on a mock task, then under tokio's paused clock with a slow
//! subscriber, its events drawn on a timeline); publishing never fails for lack of
//! subscribers; subscribers end when the bus is gone.

// The starters' types hold nothing to drop yet; the solutions' do.
#![allow(clippy::drop_non_drop)]

use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use lesson_08_queues::pub_sub::{Bus, Event, Subscriber};
use pretty_assertions::assert_eq;
use shared::panics::catch_quietly;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio::time::{Instant, sleep};
use tokio_test::task;

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(3);
/// Virtual time after which a paused test is stuck; a correct solution needs 15 s.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own; `waiting` is the advice when it waits forever.
fn paused<F, T>(waiting: &str, make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    let waiting = waiting.to_owned();
    on_paused_runtime(
        REAL_LIMIT,
        "the subscriber (is something blocking the runtime's thread?)",
        move || async move { within_async(VIRTUAL_LIMIT, &waiting, make()).await },
    )
}

fn message(text: &str) -> Event {
    Event::Message(text.to_owned())
}

/// Polls `subscriber.next()` once on a mock task.
fn poll_next(subscriber: &mut Subscriber) -> Poll<Option<Event>> {
    task::spawn(subscriber.next()).poll()
}

#[graded::test]
fn a_lagging_subscriber_is_told_how_much_it_missed() {
    let bus = Bus::new(4);
    let mut slow = bus.subscribe();
    for n in 0..10 {
        bus.publish(&format!("m{n}"));
    }
    match poll_next(&mut slow) {
        Poll::Ready(Some(Event::Missed(6))) => {}
        Poll::Ready(None) => panic!(
            "next() returned None after the subscriber fell behind (a bus of capacity 4, 10 \
             messages published): `Lagged` was treated as the end. `RecvError::Lagged(n)` \
             only says that n messages were overwritten; return `Event::Missed(n)` and keep \
             receiving"
        ),
        Poll::Ready(Some(Event::Message(text))) => panic!(
            "next() returned {text:?} first, although 6 of the 10 messages were overwritten \
             before the subscriber read them: the lag was skipped silently; tell the \
             subscriber first, `Event::Missed(n)` from `RecvError::Lagged(n)`"
        ),
        Poll::Pending => panic!(
            "next() waits, although the 4 newest messages (m6 to m9) are still kept for a \
             subscriber that fell behind: did it drop its receiver on the lag and subscribe \
             again? A new receiver sees only messages published after it subscribed. Keep \
             the receiver: after `Lagged(n)` it goes on with the oldest message kept; return \
             `Event::Missed(n)` first"
        ),
        other => panic!(
            "a bus of capacity 4, 10 messages published before the subscriber read any: \
             next() must return Some(Event::Missed(6)) (m0 to m5 were overwritten), got \
             {other:?}"
        ),
    }
    for n in 6..10 {
        assert_eq!(
            poll_next(&mut slow),
            Poll::Ready(Some(message(&format!("m{n}")))),
            "after Missed(6), the subscriber carries on with the 4 messages still kept, in \
             order"
        );
    }
    assert!(
        poll_next(&mut slow).is_pending(),
        "every message was read and the bus is alive: next() waits for the next message"
    );
}

#[graded::test]
fn a_lagging_subscriber_carries_on() {
    // Capacity 2; one message a second at 0 s, 1 s, … 9 s, the bus dropped at 9.5 s; the
    // subscriber spends 2.4 s on each message.
    let (events, timeline) = paused(
        "the slow subscriber never saw the end: next() must return None once the bus is \
         dropped and every kept message was read (is a Sender, or a Bus clone, kept inside \
         the Subscriber?)",
        || async {
            let timeline = Timeline::new();
            let bus = Bus::new(2);
            let mut subscriber = bus.subscribe();
            let publisher = tokio::spawn(async move {
                for n in 0..10 {
                    if n > 0 {
                        sleep(Duration::from_secs(1)).await;
                    }
                    bus.publish(&format!("m{n}"));
                }
                sleep(Duration::from_millis(500)).await;
            });
            let start = Instant::now();
            let mut events = Vec::new();
            while let Some(event) = subscriber.next().await {
                let at = start.elapsed();
                if let Event::Message(text) = &event {
                    let handled = at + Duration::from_millis(2400);
                    timeline.record(format!("handles {text}"), at, Some(handled));
                    sleep(Duration::from_millis(2400)).await;
                } else {
                    timeline.record(format!("{event:?}"), at, Some(at));
                }
                events.push(event);
            }
            publisher.await.expect("the publisher does not panic");
            (events, timeline)
        },
    );
    assert_eq!(
        events,
        vec![
            message("m0"),
            message("m1"),
            Event::Missed(1),
            message("m3"),
            Event::Missed(2),
            message("m6"),
            Event::Missed(1),
            message("m8"),
            message("m9"),
        ],
        "a subscriber that falls behind again and again is told each time how much it \
         missed, and goes on with the oldest message kept, until the bus is gone (a lag is \
         never the end)\n{timeline}"
    );
}

#[graded::test]
fn publishing_without_subscribers_is_no_error() {
    let reached = catch_quietly(|| {
        let bus = Bus::new(4);
        let nobody = bus.publish("hello?");
        drop(bus.subscribe());
        (nobody, bus.publish("anybody?"))
    })
    .unwrap_or_else(|payload| {
        panic!(
            "publish panicked when nobody subscribed ({}): `broadcast::Sender::send` returns \
             an error when there is no receiver, and for a bus that is no error; return 0 \
             instead of unwrapping",
            shared::panics::message(payload.as_ref())
        )
    });
    assert_eq!(
        reached,
        (0, 0),
        "publish returns how many subscribers will see the message: none before anybody \
         subscribed, none after the only subscriber was dropped (a receiver kept inside the Bus \
         counts as a subscriber: do not keep one)"
    );
}

#[graded::test]
fn publish_counts_the_subscribers() {
    let bus = Bus::new(4);
    let first = bus.subscribe();
    let second = bus.clone().subscribe();
    let both = bus.publish("m0");
    drop(first);
    let one = bus.publish("m1");
    drop(second);
    assert_eq!(
        (both, one),
        (2, 1),
        "publish returns how many subscribers will see the message: 2, then 1 once one was \
         dropped (a receiver kept inside the Bus counts as a subscriber too: do not keep \
         one)"
    );
}

#[graded::test]
fn a_subscriber_sees_only_what_comes_after_it_subscribed() {
    let bus = Bus::new(4);
    let mut early = bus.subscribe();
    bus.publish("m0");
    let mut late = bus.subscribe();
    bus.publish("m1");
    assert_eq!(poll_next(&mut early), Poll::Ready(Some(message("m0"))));
    assert_eq!(poll_next(&mut early), Poll::Ready(Some(message("m1"))));
    assert_eq!(
        poll_next(&mut late),
        Poll::Ready(Some(message("m1"))),
        "a subscriber sees the messages published after it subscribed, not those before"
    );
}

#[graded::test]
fn subscribers_end_when_every_bus_is_dropped() {
    let bus = Bus::new(4);
    let publisher = bus.clone();
    let mut subscriber = bus.subscribe();
    bus.publish("m0");
    drop(bus);
    publisher.publish("m1");
    assert_eq!(poll_next(&mut subscriber), Poll::Ready(Some(message("m0"))));
    assert!(
        poll_next(&mut subscriber).is_ready(),
        "a clone of the bus is alive and published m1: next() returns it"
    );
    drop(publisher);
    assert_eq!(
        poll_next(&mut subscriber),
        Poll::Ready(None),
        "every Bus was dropped and every message read: next() returns None (a Sender kept \
         inside the Subscriber keeps the channel open forever)"
    );
}
