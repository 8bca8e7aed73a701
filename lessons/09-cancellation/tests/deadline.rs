//! Exercise `deadline`: a timeout with a typed error; the timed-out work is dropped at the
//! deadline.
//!
//! The work is wrapped in a probe that records, on tokio's paused clock, when it finished
//! and when its future was dropped. The blocking variant runs on a real-time runtime
//! (the blocking pool stops a paused clock) with generous limits, and its work reports
//! through a std channel when it stopped and why.

use std::error::Error;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_09_cancellation::deadline::{
    DeadlineError, StopFlag, with_deadline, with_deadline_blocking,
};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::time::{Instant, sleep};

/// When the probed work finished and when it was dropped (times since the test's start).
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    finished: Option<Duration>,
    dropped: Option<Duration>,
}

struct Probe {
    start: Instant,
    seen: Arc<Mutex<Seen>>,
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.seen.lock().unwrap().dropped = Some(self.start.elapsed());
    }
}

/// Work that sleeps `takes`, then returns `output`; and what its probe sees.
fn probed_work<T: Send + 'static>(
    start: Instant,
    takes: Duration,
    output: T,
) -> (impl Future<Output = T> + Send + 'static, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let probe = Probe {
        start,
        seen: Arc::clone(&seen),
    };
    let work = async move {
        sleep(takes).await;
        probe.seen.lock().unwrap().finished = Some(start.elapsed());
        output
    };
    (work, seen)
}

const LIMIT: Duration = Duration::from_millis(500);
const SLOW: Duration = Duration::from_secs(10);

#[graded::test(tokio, start_paused = true)]
async fn a_slow_work_times_out_at_the_deadline_and_is_dropped_then() {
    let start = Instant::now();
    let timeline = Timeline::new();
    let (work, seen) = probed_work(start, SLOW, Ok::<u32, String>(7));
    let result = timeline
        .track("with_deadline", with_deadline(LIMIT, work))
        .await;
    let returned = start.elapsed();
    if returned.is_zero() {
        panic!(
            "with_deadline returned {result:?} at t = 0 of tokio's clock, although the \
             deadline is {LIMIT:?}: the deadline was measured on the real clock \
             (std::time::Instant, std::thread::sleep), which does not see tokio's paused \
             clock (and thread::sleep blocks the runtime). Use tokio::time::timeout, or a \
             tokio::time::sleep in a select!"
        );
    }
    if returned > LIMIT {
        timeline.record("the work", Duration::ZERO, seen.lock().unwrap().finished);
        timeline.assert_elapsed(
            returned,
            LIMIT,
            "the work ran to its end before the deadline was checked: checking the time \
             after `work.await` is too late. Race the work against a timer \
             (tokio::time::timeout) so that it is dropped at the deadline",
        );
    }
    assert_eq!(
        result,
        Err(DeadlineError::TimedOut(LIMIT)),
        "work still running at the deadline is Err(DeadlineError::TimedOut(limit))"
    );
    // Give work left running in the background every chance to finish.
    sleep(SLOW * 2).await;
    let seen = *seen.lock().unwrap();
    assert!(
        seen.finished.is_none(),
        "the work was still running after the deadline and finished at {:?}: a spawned task \
         whose JoinHandle is dropped is detached, not cancelled. Time out the work's future \
         itself (tokio::time::timeout(limit, work)), so that it is dropped at the deadline",
        seen.finished.unwrap()
    );
    assert_eq!(
        seen.dropped,
        Some(LIMIT),
        "the timed-out work must be dropped at the deadline, {LIMIT:?} ({seen:?})"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn work_done_in_time_returns_its_value_when_it_is_done() {
    let start = Instant::now();
    let (work, seen) = probed_work(start, Duration::from_millis(300), Ok::<u32, String>(7));
    let result = with_deadline(LIMIT, work).await;
    assert_eq!(result, Ok(7), "work done in time returns Ok(its value)");
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(300),
        "work done in time is returned as soon as it is done, not at the deadline"
    );
    assert_eq!(
        seen.lock().unwrap().finished,
        Some(Duration::from_millis(300))
    );
}

#[graded::test(tokio, start_paused = true)]
async fn an_error_in_time_is_failed_with_the_error() {
    let start = Instant::now();
    let (work, _) = probed_work(
        start,
        Duration::from_millis(100),
        Err::<u32, String>("refused".into()),
    );
    let error = with_deadline(LIMIT, work).await.unwrap_err();
    assert_eq!(
        error,
        DeadlineError::Failed("refused".to_string()),
        "the work's own error is Err(DeadlineError::Failed(error)), not a timeout"
    );
    assert_eq!(start.elapsed(), Duration::from_millis(100));
}

#[graded::test]
fn the_error_displays_and_keeps_its_source() {
    let timed_out: DeadlineError<std::io::Error> = DeadlineError::TimedOut(Duration::from_secs(2));
    assert_eq!(timed_out.to_string(), "timed out after 2s");
    assert!(timed_out.source().is_none(), "a timeout has no source");
    let failed = DeadlineError::Failed(std::io::Error::other("refused"));
    assert_eq!(failed.to_string(), "failed: refused");
    assert_eq!(
        failed.source().map(ToString::to_string),
        Some("refused".to_string()),
        "the source of Failed(error) is the work's error (#[source])"
    );
}

/// A real-time runtime with a blocking pool, shut down without waiting for its threads.
fn real_time<T>(body: impl Future<Output = T>) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let output = runtime.block_on(body);
    runtime.shutdown_background();
    output
}

/// How long the blocking test work runs at most if nobody stops it.
const CAP: Duration = Duration::from_secs(4);

/// Blocking work that runs until its flag is set (or `CAP`), then reports whether the flag
/// stopped it.
fn endless(stopped: mpsc::Sender<bool>) -> impl FnOnce(StopFlag) -> u32 + Send + 'static {
    move |flag| {
        let begun = std::time::Instant::now();
        while !flag.is_set() && begun.elapsed() < CAP {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = stopped.send(flag.is_set());
        0
    }
}

#[graded::test]
fn blocking_work_is_told_to_stop_at_the_deadline() {
    let (stopped_tx, stopped) = mpsc::channel();
    let limit = Duration::from_millis(50);
    let result = real_time(with_deadline_blocking(limit, endless(stopped_tx)));
    assert_eq!(
        result,
        Err(DeadlineError::TimedOut(limit)),
        "blocking work still running at the deadline is Err(DeadlineError::TimedOut(limit))"
    );
    match stopped.recv_timeout(Duration::from_secs(2)) {
        Ok(true) => {}
        Ok(false) | Err(_) => panic!(
            "the blocking work was never told to stop: it was still running 2 s after the \
             deadline. abort() cannot stop spawn_blocking work (nor can dropping or timing \
             out its JoinHandle): the closure runs on a thread to its end. Set the work's \
             StopFlag at the deadline; the work checks it and returns"
        ),
    }
}

#[graded::test]
fn blocking_work_done_in_time_returns_its_value() {
    let result = real_time(with_deadline_blocking(
        Duration::from_secs(5),
        |flag: StopFlag| {
            if flag.is_set() { 0 } else { 42 }
        },
    ));
    assert_eq!(
        result,
        Ok(42),
        "blocking work done in time returns Ok(its value)"
    );
}

#[graded::test]
fn a_panic_of_the_blocking_work_is_resumed() {
    let outcome = shared::panics::catch_quietly(|| {
        real_time(with_deadline_blocking(
            Duration::from_secs(5),
            |_: StopFlag| -> u32 { shared::panics::panic_on_purpose("the work failed") },
        ))
    });
    let payload = outcome.expect_err("a panic of the blocking work is resumed in the caller");
    assert_eq!(
        shared::panics::message(payload.as_ref()),
        "the work failed",
        "resume the work's own panic (std::panic::resume_unwind(error.into_panic()))"
    );
}
