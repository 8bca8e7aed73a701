//! Exercise `averager`: a coroutine that takes a value and gives back the running average.

use std::time::Duration;

use lesson_03_coroutines::averager::Averager;
use shared::watchdog::within;

/// Far above what a correct solution needs (milliseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(6);

fn assert_close(got: f64, expected: f64, why: &str) {
    assert!(
        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "got {got}, expected {expected}: {why}"
    );
}

#[test]
fn the_lecture_values() {
    let mut avg = Averager::new();
    assert_close(
        avg.send(10.0),
        10.0,
        "the average of 10 is 10: `send` returns the average with the value just sent",
    );
    assert_close(avg.send(30.0), 20.0, "the average of 10 and 30 is 20");
    assert_close(
        avg.send(5.0),
        15.0,
        "the average of 10, 30 and 5 is 15: of *every* value sent so far, not a blend of \
         the last average and the new value",
    );
}

#[test]
fn close_returns_the_last_average() {
    let mut avg = Averager::new();
    for value in [1.0, 2.0, 3.0, 4.0] {
        avg.send(value);
    }
    match avg.close() {
        Some(last) => assert_close(last, 2.5, "`close` returns the last average"),
        None => panic!("four values were sent: `close` returns `Some(last average)`"),
    }
}

#[test]
fn close_without_values_returns_none() {
    assert_eq!(
        Averager::new().close(),
        None,
        "nothing was sent, so there is no average (not 0, not NaN)"
    );
}

#[test]
fn averagers_are_independent() {
    let mut a = Averager::new();
    let mut b = Averager::new();
    a.send(100.0);
    assert_close(
        b.send(1.0),
        1.0,
        "the first send to a fresh averager returns the value sent: it knows nothing of \
         another averager's values (keep the state in the struct, not in a `static`)",
    );
    assert_close(a.send(0.0), 50.0, "the first averager has its own values");
}

#[test]
fn a_million_sends_are_quick() {
    let (average, last) = within(
        LIMIT,
        "a million sends (does each send sum every value sent before it? keep a running \
         total and a count instead)",
        || {
            let mut avg = Averager::new();
            let mut average = 0.0;
            for value in 1..=1_000_000u32 {
                average = avg.send(f64::from(value));
            }
            (average, avg.close())
        },
    );
    assert_close(average, 500_000.5, "the average of 1 to 1000000");
    match last {
        Some(last) => assert_close(last, average, "`close` gives the last average"),
        None => panic!("a million values were sent: `close` returns `Some(last average)`"),
    }
}
