//! Exercise `cancel_safe_select`: a `select!` loop that loses no line, wherever it stops.
//!
//! The input is an in-memory pipe (`tokio::io::duplex`) written piece by piece at fixed
//! instants of tokio's paused clock, lines cut in the middle. `shared::cancel::at_every_await`
//! drops `run` after 0, 1, 2, … polls and restarts it on the same relay each time; after
//! every stop the test compares what came out of the channel with what went in.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_09_cancellation::cancel_safe_select::{Relay, Stop};
use pretty_assertions::assert_eq;
use shared::cancel::at_every_await;
use shared::timeline::Timeline;
use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

/// Runs `body` on a paused current-thread runtime on a thread of its own, under a
/// real-time watchdog (a correct solution needs milliseconds), so code that blocks the
/// runtime's thread fails with advice instead of hanging.
fn paused<F: Future<Output = ()> + 'static>(body: fn() -> F) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(3),
        "the test (run is blocking the runtime's only thread: a busy loop polling with try_recv or try_send, or std::thread::sleep? Every wait in run must be an .await)",
        body,
    );
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// A pipe whose writing end writes `pieces` at `(after the previous, bytes)`, then closes.
fn pipe(pieces: Vec<(Duration, &'static str)>) -> DuplexStream {
    let (reader, mut writer) = tokio::io::duplex(1024);
    tokio::spawn(async move {
        for (after, bytes) in pieces {
            sleep(after).await;
            writer.write_all(bytes.as_bytes()).await.unwrap();
        }
    });
    reader
}

/// Everything waiting in the channel.
fn drain(rx: &mut mpsc::Receiver<String>) -> Vec<String> {
    std::iter::from_fn(|| rx.try_recv().ok()).collect()
}

/// Compares what came out with a prefix of what went in; names the likely mistake.
fn check_delivered(delivered: &[String], expected: &[&str]) -> Result<(), String> {
    for (at, got) in delivered.iter().enumerate() {
        let Some(want) = expected.get(at) else {
            return Err(format!(
                "more lines came out than went in: {delivered:?} (a line was sent twice?)"
            ));
        };
        if got == want {
            continue;
        }
        if want.ends_with(got.as_str()) {
            return Err(format!(
                "line {at} came out as {got:?} instead of {want:?}: the first part of the \
                 line was thrown away when the read was cancelled (read_line into a local \
                 String is not cancel safe). Keep the reader's state in the struct: \
                 BufReader::new(input).lines() and next_line() keep a half-read line \
                 (all so far: {delivered:?})"
            ));
        }
        if expected[at..].contains(&got.as_str()) {
            return Err(format!(
                "line {want:?} was lost: {got:?} came out in its place. A line held across \
                 a cancelled .await is gone: send(line) inside select! drops the line when \
                 another branch wins, and so does a line read before waiting for room. \
                 Wait for room first (output.reserve()), then read the line, then \
                 permit.send(line) (all so far: {delivered:?})"
            ));
        }
        return Err(format!(
            "line {at} came out as {got:?}, expected {want:?} (all so far: {delivered:?})"
        ));
    }
    Ok(())
}

#[graded::test]
fn a_line_waiting_for_room_is_not_lost_at_the_deadline() {
    paused(a_line_waiting_for_room_is_not_lost_at_the_deadline_body);
}

async fn a_line_waiting_for_room_is_not_lost_at_the_deadline_body() {
    let (tx, mut rx) = mpsc::channel(1);
    let mut relay = Relay::new(&b"one\ntwo\nthree\n"[..], tx);
    // Nobody reads: "one" fills the channel, "two" must wait for room until the deadline.
    let stop = relay.run(ms(1000)).await.unwrap();
    let mut delivered = drain(&mut rx);
    assert_eq!(
        stop,
        Stop::Deadline,
        "nobody read the channel (capacity 1), so after \"one\" there was no room for \
         \"two\" and run had to wait for room until its deadline; it returned {stop:?} \
         with {delivered:?} in the channel: lines were dropped when the channel was full \
         (try_send?). Wait for room with output.reserve()"
    );
    let rest = tokio::spawn(async move {
        let stop = relay.run(ms(10_000)).await;
        (relay, stop)
    });
    let mut reader = tokio::spawn(async move {
        let mut more = Vec::new();
        while let Some(line) = rx.recv().await {
            more.push(line);
        }
        more
    });
    let (relay, stop) = rest.await.unwrap();
    drop(relay);
    delivered.extend((&mut reader).await.unwrap());
    if let Err(why) = check_delivered(&delivered, &["one", "two", "three"]) {
        panic!("after a run stopped at its deadline and a second run: {why}");
    }
    assert_eq!(delivered, ["one", "two", "three"]);
    assert_eq!(
        stop.unwrap(),
        Stop::InputClosed,
        "the input ended: Stop::InputClosed"
    );
}

#[graded::test]
fn a_half_read_line_is_kept_for_the_next_run() {
    paused(a_half_read_line_is_kept_for_the_next_run_body);
}

async fn a_half_read_line_is_kept_for_the_next_run_body() {
    let (tx, mut rx) = mpsc::channel(8);
    let input = pipe(vec![(ms(0), "alpha\nbra"), (ms(2000), "vo\ncharlie\n")]);
    let mut relay = Relay::new(input, tx);
    let stop = relay.run(ms(1000)).await.unwrap();
    assert_eq!(
        stop,
        Stop::Deadline,
        "the rest of the line comes at 2 s: the deadline (1 s) comes first"
    );
    let stop = relay.run(ms(10_000)).await.unwrap();
    let delivered = drain(&mut rx);
    if let Err(why) = check_delivered(&delivered, &["alpha", "bravo", "charlie"]) {
        panic!("the first run stopped at its deadline in the middle of \"bravo\": {why}");
    }
    assert_eq!(delivered, ["alpha", "bravo", "charlie"]);
    assert_eq!(stop, Stop::InputClosed);
}

#[graded::test]
fn the_deadline_is_for_the_whole_run_not_for_each_line() {
    paused(the_deadline_is_for_the_whole_run_not_for_each_line_body);
}

async fn the_deadline_is_for_the_whole_run_not_for_each_line_body() {
    let (tx, mut rx) = mpsc::channel(64);
    let timeline = Timeline::new();
    let pieces = (0..10).map(|_| (ms(300), "tick\n")).collect();
    let mut relay = Relay::new(pipe(pieces), tx);
    let start = Instant::now();
    let stop = timeline
        .track("run(1 s)", relay.run(ms(1000)))
        .await
        .unwrap();
    let lines = drain(&mut rx);
    for (at, _) in lines.iter().enumerate() {
        timeline.record(
            format!("line {at}"),
            ms(300 * (at as u64 + 1)),
            Some(ms(300 * (at as u64 + 1))),
        );
    }
    timeline.assert_elapsed(
        start.elapsed(),
        ms(1000),
        "a line arrives every 300 ms, and run(1 s) must stop at 1 s: the deadline was \
         re-created on every turn of the loop (a new sleep(deadline) per select!), so each \
         line restarted it. Create the sleep once before the loop, pin it \
         (tokio::pin!), and poll `&mut deadline` in the select!",
    );
    assert_eq!(stop, Stop::Deadline);
    assert_eq!(
        lines,
        ["tick", "tick", "tick"],
        "lines at 0.3, 0.6 and 0.9 s"
    );
}

#[graded::test]
fn loses_nothing_when_dropped_at_any_await() {
    paused(loses_nothing_when_dropped_at_any_await_body);
}

async fn loses_nothing_when_dropped_at_any_await_body() {
    let (tx, rx) = mpsc::channel(1);
    let input = pipe(vec![
        (ms(0), "one\ntw"),
        (ms(100), "o\nthr"),
        (ms(100), "ee\nfour\nfi"),
        (ms(100), "ve"),
    ]);
    let relay = Arc::new(tokio::sync::Mutex::new(Relay::new(input, tx)));
    let rx = Arc::new(Mutex::new(rx));
    let delivered = Arc::new(Mutex::new(Vec::new()));
    // A slow reader: one line every 150 ms, so the relay often waits for room.
    let reader = tokio::spawn({
        let (rx, delivered) = (Arc::clone(&rx), Arc::clone(&delivered));
        async move {
            loop {
                sleep(ms(150)).await;
                if let Ok(line) = rx.lock().unwrap().try_recv() {
                    delivered.lock().unwrap().push(line);
                }
            }
        }
    });
    let expected = ["one", "two", "three", "four", "five"];
    let polls = at_every_await(
        || {
            let relay = Arc::clone(&relay);
            async move { relay.lock().await.run(Duration::from_secs(3600)).await }
        },
        |stop| {
            let mut delivered = delivered.lock().unwrap();
            delivered.extend(drain(&mut rx.lock().unwrap()));
            check_delivered(&delivered, &expected)?;
            match stop {
                shared::cancel::Stop::Completed { output, .. } => match output {
                    Ok(Stop::InputClosed) if delivered.len() == expected.len() => Ok(()),
                    Ok(Stop::InputClosed) => Err(format!(
                        "the input ended but only {delivered:?} came out: lines were lost"
                    )),
                    other => Err(format!(
                        "run returned {other:?} before the input ended (it ends after \
                         \"five\"), with {delivered:?} delivered"
                    )),
                },
                shared::cancel::Stop::Cancelled { .. } => Ok(()),
            }
        },
    )
    .await;
    reader.abort();
    assert!(polls >= 1);
    assert_eq!(*delivered.lock().unwrap(), expected);
}

#[graded::test]
fn stops_when_the_output_is_closed() {
    paused(stops_when_the_output_is_closed_body);
}

async fn stops_when_the_output_is_closed_body() {
    let (tx, rx) = mpsc::channel(4);
    drop(rx);
    let start = Instant::now();
    let mut relay = Relay::new(&b"one\ntwo\n"[..], tx);
    let stop = relay.run(ms(1000)).await.unwrap();
    assert_eq!(
        stop,
        Stop::OutputClosed,
        "nobody can receive any more (reserve() or send() fails): return Stop::OutputClosed"
    );
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "at once, not at the deadline"
    );
}

#[graded::test]
fn a_last_line_without_newline_is_a_line() {
    paused(a_last_line_without_newline_is_a_line_body);
}

async fn a_last_line_without_newline_is_a_line_body() {
    let (tx, mut rx) = mpsc::channel(4);
    let mut relay = Relay::new(&b"one\nlast"[..], tx);
    assert_eq!(relay.run(ms(1000)).await.unwrap(), Stop::InputClosed);
    assert_eq!(drain(&mut rx), ["one", "last"]);
    assert_eq!(
        relay.run(ms(1000)).await.unwrap(),
        Stop::InputClosed,
        "a run after the end of the input returns Stop::InputClosed again"
    );
}

#[graded::test]
fn a_read_error_is_returned() {
    paused(a_read_error_is_returned_body);
}

async fn a_read_error_is_returned_body() {
    let (tx, mut rx) = mpsc::channel(4);
    let mut relay = Relay::new(&b"ok\n\xff\xfe\n"[..], tx);
    let error = relay.run(ms(1000)).await.unwrap_err();
    assert_eq!(
        error.kind(),
        std::io::ErrorKind::InvalidData,
        "a line that is not UTF-8 is a read error: return it (Err)"
    );
    assert_eq!(drain(&mut rx), ["ok"]);
}
