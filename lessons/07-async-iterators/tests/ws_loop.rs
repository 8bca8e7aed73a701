//! Exercise `ws_loop`: a message stream and a ticker merged in one loop until "close".
//!
//! Scripted messages arrive at fixed instants of tokio's paused clock; every `send` is
//! recorded with its instant, so the pings' cadence is checked to the millisecond. A
//! loop that never returns is caught by a virtual-time watchdog (the ticker keeps the
//! clock moving), and a real-time watchdog guards the whole test.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use futures::Stream;
use lesson_07_async_iterators::ws_loop::{CLOSE, Sent, ws_loop};
use pretty_assertions::assert_eq;
use shared::watchdog::within_async;
use tokio::time::{Instant, sleep_until};

/// Runs `test` on a current-thread runtime with the clock paused, on a thread of its own,
/// and fails if it does not finish within a few seconds of real time.
fn paused<F: Future<Output = ()> + 'static>(test: impl FnOnce() -> F + Send + 'static) {
    shared::watchdog::on_paused_runtime(Duration::from_secs(5), "the websocket loop", test);
}

/// Messages at the given milliseconds after `start`; then the stream ends if `end`,
/// or stays open (pending) for ever.
fn script(
    start: Instant,
    messages: Vec<(u64, &'static str)>,
    end: bool,
) -> impl Stream<Item = String> {
    async_stream::stream! {
        for (at, text) in messages {
            sleep_until(start + Duration::from_millis(at)).await;
            yield text.to_string();
        }
        if !end {
            std::future::pending::<()>().await;
        }
    }
}

/// What was sent, with the virtual milliseconds since `start`.
type Record = Rc<RefCell<Vec<(u64, Sent)>>>;

fn recorder(start: Instant) -> (Record, impl FnMut(Sent)) {
    let record = Record::default();
    let sink = record.clone();
    let send = move |sent: Sent| {
        let at = start.elapsed().as_millis() as u64;
        sink.borrow_mut().push((at, sent));
    };
    (record, send)
}

fn pings(record: &Record) -> Vec<u64> {
    let sent = record.borrow();
    sent.iter()
        .filter(|(_, sent)| *sent == Sent::Ping)
        .map(|(at, _)| *at)
        .collect()
}

fn echoes(record: &Record) -> Vec<(u64, String)> {
    let sent = record.borrow();
    sent.iter()
        .filter_map(|(at, sent)| match sent {
            Sent::Echo(text) => Some((*at, text.clone())),
            Sent::Ping => None,
        })
        .collect()
}

/// Ten messages, every 0.7 s from 0.45 s, then "close" at 7.3 s; the stream stays open.
fn busy_script() -> Vec<(u64, &'static str)> {
    let texts = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"];
    let mut messages: Vec<(u64, &'static str)> = texts
        .iter()
        .enumerate()
        .map(|(k, text)| (450 + 700 * k as u64, *text))
        .collect();
    messages.push((7300, CLOSE));
    messages
}

/// Why the pings are not where they belong, from what they look like.
fn diagnose(got: &[u64], message_times: &[u64]) -> &'static str {
    if got.is_empty() {
        "no ping at all, while a message came every 0.7 s: a `sleep(period)` created \
         inside the loop starts over at every message, so it never fires. Create the ticker \
         once, before the loop (`tokio::time::interval_at(now + period, period)`)"
    } else if got.first() == Some(&0) {
        "a ping at 0 s: the first tick of `tokio::time::interval` completes at once. Use \
         `interval_at(Instant::now() + period, period)`, whose first tick is one period away"
    } else if got.iter().all(|at| message_times.contains(at)) {
        "pings only when a message arrives: the ticker is checked when a message comes \
         instead of being awaited together with the messages. Await both in one \
         `tokio::select!` (or merge them into one stream)"
    } else {
        "the pings drift from their cadence: a ticker made once before the loop \
         (`interval_at`) keeps it whatever the messages do; a `sleep` made again in the \
         loop does not"
    }
}

#[graded::test]
fn pings_keep_their_cadence_between_messages() {
    paused(|| async {
        let start = Instant::now();
        let messages = script(start, busy_script(), false);
        let (record, send) = recorder(start);
        within_async(
            Duration::from_secs(60),
            "`ws_loop` after \"close\" (it must return at once when \"close\" arrives, \
             even though the message stream stays open)",
            ws_loop(messages, Duration::from_secs(1), send),
        )
        .await;
        let got = pings(&record);
        let expected: Vec<u64> = (1..=7).map(|s| s * 1000).collect();
        let message_times: Vec<u64> = busy_script().iter().map(|(at, _)| *at).collect();
        assert!(
            got == expected,
            "the pings went out at {got:?} ms, expected every second: {expected:?} ms \
             (messages came at {message_times:?} ms): {}",
            diagnose(&got, &message_times)
        );
    });
}

#[graded::test]
fn returns_when_the_messages_end() {
    paused(|| async {
        let start = Instant::now();
        let messages = script(start, vec![(500, "a"), (2500, "b")], true);
        let (record, send) = recorder(start);
        within_async(
            Duration::from_secs(60),
            "`ws_loop` after the message stream ended (when `next()` returns `None` the \
             peer is gone and the loop must return; a `Some(message) = messages.next()` \
             branch of `select!` is only disabled then, and a merged stream goes on with the \
             ticks: the loop pings for ever)",
            ws_loop(messages, Duration::from_secs(1), send),
        )
        .await;
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(2500),
            "the stream ends right after \"b\" at 2.5 s: `ws_loop` returns then"
        );
        assert_eq!(
            record.borrow().clone(),
            vec![
                (500, Sent::Echo("a".to_string())),
                (1000, Sent::Ping),
                (2000, Sent::Ping),
                (2500, Sent::Echo("b".to_string())),
            ],
            "what was sent, in virtual ms"
        );
    });
}

#[graded::test]
fn echoes_every_message_until_close() {
    paused(|| async {
        let start = Instant::now();
        let messages = script(start, busy_script(), false);
        let (record, send) = recorder(start);
        within_async(
            Duration::from_secs(60),
            "`ws_loop` after \"close\"",
            ws_loop(messages, Duration::from_secs(1), send),
        )
        .await;
        let expected: Vec<(u64, String)> = busy_script()
            .into_iter()
            .filter(|(_, text)| *text != CLOSE)
            .map(|(at, text)| (at, text.to_string()))
            .collect();
        assert_eq!(
            echoes(&record),
            expected,
            "each message is echoed when it arrives (virtual ms); \"close\" is not echoed"
        );
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(7300),
            "\"close\" arrives at 7.3 s: `ws_loop` returns at once"
        );
    });
}

#[graded::test]
fn close_first_sends_nothing() {
    paused(|| async {
        let start = Instant::now();
        let messages = script(start, vec![(300, CLOSE), (600, "late")], false);
        let (record, send) = recorder(start);
        within_async(
            Duration::from_secs(60),
            "`ws_loop` after \"close\"",
            ws_loop(messages, Duration::from_secs(1), send),
        )
        .await;
        assert_eq!(
            record.borrow().clone(),
            Vec::<(u64, Sent)>::new(),
            "\"close\" at 0.3 s, before the first ping: nothing is sent, and nothing after it"
        );
    });
}
