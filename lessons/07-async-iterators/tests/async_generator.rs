//! Exercise `async_generator`: an async generator with `stream!`, lazy and never ahead.
//!
//! The generator writes what it does to a log: the tests read it between polls, on
//! tokio's paused clock, to see that nothing runs before the first `next` and that the
//! generator does not run ahead of its consumer. A real-time watchdog around each test
//! turns a blocked runtime (`std::thread::sleep` in the generator) into advice.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use futures::StreamExt;
use lesson_07_async_iterators::async_generator::{Log, async_generator};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::time::{Instant, sleep};

/// Runs `test` on a current-thread runtime with the clock paused, on a thread of its own,
/// and fails with advice if it does not finish within a few seconds of real time.
fn paused<F: Future<Output = ()> + 'static>(test: impl FnOnce() -> F + Send + 'static) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(2),
        "reading the generator (does it block the thread, with `std::thread::sleep`? \
         Wait with `tokio::time::sleep(..).await` inside `stream!`)",
        test,
    );
}

fn entries(log: &Log) -> Vec<String> {
    log.lock().expect("the log's lock").clone()
}

fn strings(entries: &[&str]) -> Vec<String> {
    entries.iter().map(|entry| entry.to_string()).collect()
}

#[graded::test]
fn nothing_runs_before_the_first_next() {
    paused(|| async {
        let log = Log::default();
        let numbers = async_generator(5, log.clone());
        assert_eq!(
            entries(&log),
            Vec::<String>::new(),
            "calling `async_generator` already ran part of it, before the first `next`: \
             work written before the `stream!` block runs when the function is called. \
             Put everything inside `stream! {{ … }}`, which runs only when polled"
        );
        let mut numbers = pin!(numbers);
        sleep(Duration::from_secs(10)).await;
        assert_eq!(
            entries(&log),
            Vec::<String>::new(),
            "10 s after the generator was created, and before any `next`, its body had \
             run: a spawned task or a stream that runs on its own is not lazy. Nothing may \
             run until the stream is polled"
        );
        let start = Instant::now();
        assert_eq!(numbers.next().await, Some(0), "the first value is 0");
        let took = start.elapsed();
        let why = if took.is_zero() {
            "it came at once, without a wait on tokio's clock: a `yield` before the `sleep` \
             skips the first wait, and `std::thread::sleep` blocks the runtime's thread \
             while tokio's clock does not move; await `tokio::time::sleep(TICK)` before \
             each `yield`"
        } else {
            "the generator computes every value before yielding the first: yield each value \
             as soon as it is ready, inside the loop"
        };
        assert!(
            took == Duration::from_secs(1),
            "asked for at 10 s, the first value came {took:?} later, expected 1s (the \
             generator waits one second before each value, from the moment the value is \
             asked for): {why}"
        );
    });
}

#[graded::test]
fn it_never_runs_ahead() {
    paused(|| async {
        let log = Log::default();
        let mut numbers = pin!(async_generator(5, log.clone()));
        assert_eq!(numbers.next().await, Some(0));
        sleep(Duration::from_secs(60)).await;
        assert_eq!(
            entries(&log),
            strings(&["start", "produce 0"]),
            "after one value and a minute without `next`, the generator ran ahead of its \
             consumer: it prepares value `i` only when value `i` is asked for (a spawned \
             producer with a channel runs ahead; `stream!` does not)"
        );
        assert_eq!(numbers.next().await, Some(1));
        assert_eq!(
            entries(&log),
            strings(&["start", "produce 0", "produce 1"]),
            "the second value is produced when it is asked for"
        );
    });
}

#[graded::test]
fn one_value_a_second() {
    paused(|| async {
        let timeline = Timeline::new();
        let log = Log::default();
        let start = Instant::now();
        let mut numbers = pin!(async_generator(5, log.clone()));
        let mut got = Vec::new();
        for _ in 0..7 {
            match timeline.track("next()", numbers.next()).await {
                Some(value) => got.push((value, start.elapsed().as_millis())),
                None => break,
            }
        }
        let expected = vec![(0, 1000), (1, 2000), (2, 3000), (3, 4000), (4, 5000)];
        assert!(
            got == expected,
            "the generator yielded (value, virtual ms) {got:?}, expected {expected:?}: \
             0 to count - 1, one second before each (a generator that computes every value \
             before yielding the first one yields them all at 5 s)\n{timeline}"
        );
        assert_eq!(
            entries(&log),
            strings(&[
                "start",
                "produce 0",
                "produce 1",
                "produce 2",
                "produce 3",
                "produce 4",
                "end"
            ]),
            "the log of a generator read to its end: \"start\", \"produce i\" before each \
             wait, \"end\" when it ends"
        );
    });
}

#[graded::test]
fn a_dropped_generator_stops() {
    paused(|| async {
        let log = Log::default();
        let two: Vec<u32> = async_generator(5, log.clone()).take(2).collect().await;
        assert_eq!(two, vec![0, 1]);
        sleep(Duration::from_secs(60)).await;
        assert_eq!(
            entries(&log),
            strings(&["start", "produce 0", "produce 1"]),
            "the stream was dropped after two values, but the generator went on: nothing \
             may run that no consumer asked for"
        );
    });
}

#[graded::test]
fn an_empty_generator_starts_and_ends() {
    paused(|| async {
        let log = Log::default();
        let start = Instant::now();
        let none: Vec<u32> = async_generator(0, log.clone()).collect().await;
        assert_eq!(none, Vec::<u32>::new(), "`count` 0 yields nothing");
        assert_eq!(entries(&log), strings(&["start", "end"]));
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "with nothing to yield there is no wait"
        );
    });
}
