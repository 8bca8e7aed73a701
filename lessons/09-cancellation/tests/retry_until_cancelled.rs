//! Exercise `retry_until_cancelled`: failures are retried, a cancellation never is; a
//! lease is given back wherever the work is cancelled.
//!
//! Attempts are scripted futures that log, on tokio's paused clock, when each attempt
//! started, ended or was dropped; the token is cancelled at a fixed instant by a task.
//! `leased` is dropped after 0, 1, 2, … polls by `shared::cancel::at_every_await`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_09_cancellation::retry_until_cancelled::{
    AttemptError, Leases, RetryError, leased, retry,
};
use pretty_assertions::assert_eq;
use shared::cancel::{Stop, at_every_await};
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// Runs `body` on a paused current-thread runtime on a thread of its own, under a
/// real-time watchdog (a correct solution needs milliseconds), so code that blocks the
/// runtime's thread fails with advice instead of hanging.
fn paused<F: Future<Output = ()> + 'static>(body: fn() -> F) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(3),
        "the test (retry or leased is blocking the runtime's only thread: a busy loop, or std::thread::sleep between attempts? Wait with tokio::time::sleep(delay).await)",
        body,
    );
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// When each attempt started (by number), and when each was dropped before it ended.
#[derive(Debug, Default)]
struct Log {
    started: Vec<(u32, Duration)>,
    dropped_early: Vec<(u32, Duration)>,
}

/// Logs an attempt dropped before it ended.
struct Watch {
    number: u32,
    start: Instant,
    log: Arc<Mutex<Log>>,
    ended: bool,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if !self.ended {
            self.log
                .lock()
                .unwrap()
                .dropped_early
                .push((self.number, self.start.elapsed()));
        }
    }
}

/// An attempt function: attempt `n` takes `takes(n)`, then returns `outcome(n)`.
fn scripted(
    start: Instant,
    log: &Arc<Mutex<Log>>,
    takes: impl Fn(u32) -> Duration,
    outcome: impl Fn(u32) -> Result<u32, AttemptError>,
) -> impl FnMut(u32) -> std::pin::Pin<Box<dyn Future<Output = Result<u32, AttemptError>>>> {
    let log = Arc::clone(log);
    move |number| {
        let takes = takes(number);
        let result = outcome(number);
        let watch = Watch {
            number,
            start,
            log: Arc::clone(&log),
            ended: false,
        };
        Box::pin(async move {
            // An attempt starts when it is first polled (a future not polled does nothing).
            let mut watch = watch;
            watch
                .log
                .lock()
                .unwrap()
                .started
                .push((number, start.elapsed()));
            sleep(takes).await;
            watch.ended = true;
            result
        })
    }
}

/// A token cancelled at `at`.
fn cancelled_at(at: Duration) -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        sleep(at).await;
        cancel.cancel();
    });
    token
}

fn started(log: &Arc<Mutex<Log>>) -> Vec<(u32, Duration)> {
    log.lock().unwrap().started.clone()
}

fn failed(number: u32) -> Result<u32, AttemptError> {
    Err(AttemptError::Failed(format!("boom {number}")))
}

#[graded::test]
fn a_cancelled_attempt_is_not_retried() {
    paused(a_cancelled_attempt_is_not_retried_body);
}

async fn a_cancelled_attempt_is_not_retried_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = CancellationToken::new();
    let attempts = scripted(start, &log, |_| ms(100), |_| Err(AttemptError::Cancelled));
    let result = retry(&token, 5, ms(1000), attempts).await;
    let started = started(&log);
    assert!(
        started.len() <= 1,
        "attempt 1 returned Err(AttemptError::Cancelled) and it was retried ({} attempts: \
         {started:?}, result {result:?}): a catch-all `Err(_) => retry` swallows the \
         cancellation, like Python's `except Exception` catching CancelledError. Match \
         AttemptError::Cancelled on its own and return Err(RetryError::Cancelled) at once",
        started.len()
    );
    assert_eq!(
        result,
        Err(RetryError::Cancelled),
        "a cancelled attempt cancels the retry"
    );
    assert_eq!(
        start.elapsed(),
        ms(100),
        "at once, when the attempt says so"
    );
}

#[graded::test]
fn a_cancellation_during_an_attempt_drops_it_at_once() {
    paused(a_cancellation_during_an_attempt_drops_it_at_once_body);
}

async fn a_cancellation_during_an_attempt_drops_it_at_once_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = cancelled_at(ms(1000));
    let attempts = scripted(start, &log, |_| ms(10_000), Ok);
    let result = retry(&token, 3, ms(100), attempts).await;
    let returned = start.elapsed();
    assert_eq!(
        (result.clone(), returned),
        (Err(RetryError::Cancelled), ms(1000)),
        "the token was cancelled at 1 s, during attempt 1 (which takes 10 s): retry must \
         return Err(RetryError::Cancelled) at 1 s, dropping the attempt. Checking the token \
         only between attempts is too late: race the attempt against token.cancelled() in \
         a tokio::select!"
    );
    assert_eq!(
        log.lock().unwrap().dropped_early,
        vec![(1, ms(1000))],
        "attempt 1's future must be dropped at 1 s"
    );
}

#[graded::test]
fn a_cancellation_during_the_delay_stops_at_once() {
    paused(a_cancellation_during_the_delay_stops_at_once_body);
}

async fn a_cancellation_during_the_delay_stops_at_once_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = cancelled_at(ms(300));
    let attempts = scripted(start, &log, |_| Duration::ZERO, failed);
    let result = retry(&token, 5, ms(200), attempts).await;
    let returned = start.elapsed();
    let started = started(&log);
    if returned.is_zero() {
        panic!(
            "retry returned {result:?} at t = 0 of tokio's clock after {} attempts \
             ({started:?}): the delay between attempts did not pass on tokio's clock. \
             std::thread::sleep blocks the runtime and ignores the paused clock; use \
             tokio::time::sleep(delay).await",
            started.len()
        );
    }
    assert_eq!(
        (result, returned, started.len()),
        (Err(RetryError::Cancelled), ms(300), 2),
        "attempts at 0 and 0.2 s failed; the token was cancelled at 0.3 s, during the \
         delay: retry must return Err(RetryError::Cancelled) at 0.3 s, with no third \
         attempt. A plain sleep(delay).await sleeps through the cancellation: race the \
         delay against token.cancelled() in a tokio::select! (attempts: {started:?})"
    );
}

#[graded::test]
fn no_attempt_when_the_token_is_already_cancelled() {
    paused(no_attempt_when_the_token_is_already_cancelled_body);
}

async fn no_attempt_when_the_token_is_already_cancelled_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = CancellationToken::new();
    token.cancel();
    let attempts = scripted(start, &log, |_| Duration::ZERO, Ok);
    let result = retry(&token, 3, ms(100), attempts).await;
    assert_eq!(
        (result, started(&log)),
        (Err(RetryError::Cancelled), vec![]),
        "the token was cancelled before retry was called: return Err(RetryError::Cancelled) \
         without any attempt (check the token first: `biased;` in the select!, with the \
         token's branch first)"
    );
}

#[graded::test]
fn failures_are_retried_delay_apart_then_given_up() {
    paused(failures_are_retried_delay_apart_then_given_up_body);
}

async fn failures_are_retried_delay_apart_then_given_up_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = CancellationToken::new();
    let attempts = scripted(start, &log, |_| ms(10), failed);
    let result = retry(&token, 3, ms(100), attempts).await;
    assert_eq!(
        started(&log),
        vec![(1, ms(0)), (2, ms(110)), (3, ms(220))],
        "(attempt number, started at): each attempt takes 10 ms and fails; the next starts \
         `delay` (100 ms, on tokio's clock) after the failure, at most `attempts` (3) in all"
    );
    assert_eq!(
        result,
        Err(RetryError::GaveUp {
            attempts: 3,
            last: "boom 3".to_string()
        }),
        "after the last failure: Err(RetryError::GaveUp {{ attempts, last }}), `last` the \
         last failure's text"
    );
    assert_eq!(
        start.elapsed(),
        ms(230),
        "given up when the last attempt failed, no delay after it"
    );
}

#[graded::test]
fn a_success_after_failures_is_returned() {
    paused(a_success_after_failures_is_returned_body);
}

async fn a_success_after_failures_is_returned_body() {
    let start = Instant::now();
    let log = Arc::default();
    let token = CancellationToken::new();
    let attempts = scripted(
        start,
        &log,
        |_| Duration::ZERO,
        |n| if n < 3 { failed(n) } else { Ok(n * 10) },
    );
    assert_eq!(retry(&token, 5, ms(100), attempts).await, Ok(30));
    assert_eq!(started(&log).len(), 3, "no attempt after a success");
    assert_eq!(start.elapsed(), ms(200));
    let once = scripted(start, &log, |_| Duration::ZERO, failed);
    assert_eq!(
        retry(&token, 1, ms(100), once).await,
        Err(RetryError::GaveUp {
            attempts: 1,
            last: "boom 1".to_string()
        }),
        "attempts = 1: one attempt, no retry"
    );
}

#[graded::test]
fn the_errors_display() {
    assert_eq!(RetryError::Cancelled.to_string(), "cancelled");
    assert_eq!(
        RetryError::GaveUp {
            attempts: 3,
            last: "boom".into()
        }
        .to_string(),
        "gave up after 3 attempts: boom"
    );
}

#[graded::test]
fn the_lease_is_held_while_the_work_runs() {
    paused(the_lease_is_held_while_the_work_runs_body);
}

async fn the_lease_is_held_while_the_work_runs_body() {
    let leases = Leases::new();
    let seen = leased(&leases, async {
        sleep(ms(100)).await;
        leases.out()
    })
    .await;
    assert_eq!(
        seen, 1,
        "while the work ran, {seen} lease(s) were out, expected 1: take the lease before \
         the work, and keep its guard alive until the work is done (`let _ = guard;` drops \
         it at once; bind it to a name: `let _lease = guard;`)"
    );
    assert_eq!(
        leases.out(),
        0,
        "the lease is given back when the work is done"
    );
    assert_eq!(leases.taken(), 1, "one lease taken for one work");
}

#[graded::test]
fn the_lease_is_given_back_wherever_the_work_is_cancelled() {
    paused(the_lease_is_given_back_wherever_the_work_is_cancelled_body);
}

async fn the_lease_is_given_back_wherever_the_work_is_cancelled_body() {
    let leases = Leases::new();
    let polls = at_every_await(
        || {
            leased(&leases, async {
                sleep(ms(100)).await;
                tokio::task::yield_now().await;
                sleep(ms(100)).await;
                7
            })
        },
        |stop| match (leases.out(), stop) {
            (0, Stop::Completed { output: 7, .. } | Stop::Cancelled { .. }) => Ok(()),
            (0, Stop::Completed { output, .. }) => {
                Err(format!("leased returned {output}, the work's output is 7"))
            }
            (out, _) => Err(format!(
                "{out} lease(s) still out after the work stopped: the lease must be given \
                 back however the work ends. Code after an .await never runs when the \
                 future is dropped there: give it back in a guard's Drop"
            )),
        },
    )
    .await;
    assert!(polls >= 4, "the work alone is pending 3 times");
    assert!(
        leases.taken() >= 3,
        "a lease is taken for each run that was polled"
    );
}
