//! Exercise `timers`: a virtual clock that jumps to the next deadline when nothing is ready.
//!
//! Tasks record, on the student's own clock (`Runtime::now`), when they started and
//! finished sleeping; a failure draws those spans with `shared::timeline`. Sleeps are of
//! seconds to minutes of virtual time under a watchdog of 1 s of real time: a loop that
//! waits in real time fails at once with that diagnosis.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use lesson_05_event_loop::timers::Runtime;
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use shared::watchdog::within;

/// Far above what a correct solution needs (microseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(1);

const REAL_TIME: &str = "(does run() wait in real time, with `thread::sleep`? When no task \
    is ready, set the virtual clock to the earliest deadline instead: no real time passes. \
    Or does it never stop: run() returns when no task is ready and no timer is left)";

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// One sleeper: its name, how long it sleeps, and when it started and finished on the
/// runtime's clock.
#[derive(Debug, Clone)]
struct Span {
    name: String,
    duration: Duration,
    start: Duration,
    end: Option<Duration>,
}

/// Spawns one task per duration, each sleeping that long; returns the spans, in the order
/// the tasks finished (unfinished ones last), and the clock after `run`.
fn sleep_all(durations: &[u64]) -> (Vec<Span>, Duration) {
    let durations = durations.to_vec();
    within(
        LIMIT,
        &format!("run() with sleeps of {durations:?} s of virtual time {REAL_TIME}"),
        move || {
            let runtime = Runtime::new();
            let spans = Arc::new(Mutex::new(Vec::new()));
            let finished = Arc::new(Mutex::new(Vec::new()));
            for seconds in durations {
                let (handle, spans, finished) = (runtime.clone(), spans.clone(), finished.clone());
                let name = format!("sleep {seconds}");
                runtime.spawn(async move {
                    let index = {
                        let mut spans = spans.lock().unwrap();
                        spans.push(Span {
                            name,
                            duration: secs(seconds),
                            start: handle.now(),
                            end: None,
                        });
                        spans.len() - 1
                    };
                    handle.sleep(secs(seconds)).await;
                    spans.lock().unwrap()[index].end = Some(handle.now());
                    finished.lock().unwrap().push(index);
                });
            }
            runtime.run();
            let spans = spans.lock().unwrap().clone();
            let finished = finished.lock().unwrap().clone();
            let mut ordered: Vec<Span> = finished.iter().map(|&i| spans[i].clone()).collect();
            ordered.extend(spans.iter().filter(|span| span.end.is_none()).cloned());
            (ordered, runtime.now())
        },
    )
}

/// The drawing of the spans, on the runtime's clock.
fn drawing(spans: &[Span]) -> Timeline {
    let timeline = Timeline::new();
    for span in spans {
        timeline.record(span.name.clone(), span.start, span.end);
    }
    timeline
}

/// What most likely went wrong, from what the sleepers saw.
fn diagnosis(spans: &[Span]) -> &'static str {
    if spans.iter().any(|span| span.end.is_none()) {
        return "a task was still asleep when run() returned: Sleep::poll must register a \
                timer (its deadline and the waker of `cx`) before it returns `Pending`, and \
                run() returns only when no task is ready and no timer is left";
    }
    if spans
        .iter()
        .any(|span| span.end < Some(span.start + span.duration))
    {
        return "a sleep ended before its deadline: after the jump, wake only the timers that \
                are due (deadline <= now), and let Sleep::poll compare the clock with its \
                deadline";
    }
    let latest = spans.iter().map(|span| span.start + span.duration).max();
    if spans.len() > 1 && spans.iter().all(|span| span.end == latest) {
        return "every sleep ended at the latest deadline: when no task is ready, jump to the \
                EARLIEST deadline of the timers, wake the ones due, run the tasks, and repeat";
    }
    if spans
        .iter()
        .any(|span| span.end > Some(span.start + span.duration))
    {
        return "a sleep ended after its deadline: set the clock TO the earliest deadline \
                (now = deadline); do not add the deadline, or the duration, to the clock";
    }
    "the sleeps must end at their deadlines, the shortest first"
}

#[graded::test]
fn the_clock_starts_at_zero_and_only_run_moves_it() {
    let (start, zero, pending, before_run, after_run) = within(
        LIMIT,
        &format!("polling sleeps by hand {REAL_TIME}"),
        || {
            let runtime = Runtime::new();
            let start = runtime.now();
            runtime.run();
            let mut cx = Context::from_waker(Waker::noop());
            let zero = Pin::new(&mut runtime.sleep(Duration::ZERO)).poll(&mut cx);
            let mut five = runtime.sleep(secs(5));
            let pending = Pin::new(&mut five).poll(&mut cx);
            let before_run = runtime.now();
            runtime.run();
            (start, zero, pending, before_run, runtime.now())
        },
    );
    assert_eq!(start, Duration::ZERO, "a new runtime's clock is at zero");
    assert_eq!(
        zero,
        Poll::Ready(()),
        "sleep(Duration::ZERO) is due at once: ready at its first poll"
    );
    assert_eq!(
        pending,
        Poll::Pending,
        "sleep(5 s), polled at 0 s, is not due yet: poll compares the clock with the \
         deadline, it does not move the clock (only run() does)"
    );
    assert_eq!(
        before_run,
        Duration::ZERO,
        "the clock moved before run() was called: only run() moves it (poll compares the \
         clock with the deadline, it does not wait)"
    );
    assert_eq!(
        after_run,
        secs(5),
        "run() with one timer (a sleep of 5 s polled at 0 s) and no task: the clock must \
         jump to 5 s. Does Sleep::poll register a timer (its deadline and the waker of \
         `cx`) before it returns `Pending`?"
    );
}

#[graded::test]
fn sleeps_end_at_their_deadlines_shortest_first() {
    let (spans, now) = sleep_all(&[30, 10, 20]);
    let ends: Vec<(String, Option<Duration>)> = spans
        .iter()
        .map(|span| (span.name.clone(), span.end))
        .collect();
    assert!(
        ends == [
            ("sleep 10".to_string(), Some(secs(10))),
            ("sleep 20".to_string(), Some(secs(20))),
            ("sleep 30".to_string(), Some(secs(30))),
        ] && now == secs(30),
        "three tasks sleep 30, 10 and 20 s (virtual): they must finish in the order 10, 20, \
         30, at 10, 20 and 30 s on the runtime's clock, and run() must end with now() == 30 \
         s. They finished (in this order) at {ends:?}; now() == {now:?}. {}\n{}",
        diagnosis(&spans),
        drawing(&spans)
    );
}

/// Wakes itself and returns `Pending` once (tokio's `yield_now`).
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[graded::test]
fn the_clock_stands_still_while_a_task_is_ready() {
    let (seen, slept_until) = within(
        LIMIT,
        &format!("run() with a sleeper and a busy task {REAL_TIME}"),
        || {
            let runtime = Runtime::new();
            let seen = Arc::new(Mutex::new(Vec::new()));
            let slept_until = Arc::new(Mutex::new(None));
            let (handle, until) = (runtime.clone(), slept_until.clone());
            runtime.spawn(async move {
                handle.sleep(secs(5)).await;
                *until.lock().unwrap() = Some(handle.now());
            });
            let (handle, log) = (runtime.clone(), seen.clone());
            runtime.spawn(async move {
                for _ in 0..3 {
                    log.lock().unwrap().push(handle.now());
                    YieldNow(false).await;
                }
            });
            runtime.run();
            let seen = seen.lock().unwrap().clone();
            let slept_until = *slept_until.lock().unwrap();
            (seen, slept_until)
        },
    );
    assert_eq!(
        seen,
        [Duration::ZERO; 3],
        "a task that yields 3 times is always ready again, so the clock must not move \
         while it runs: jump the clock only when no task is ready (after run_ready)"
    );
    assert_eq!(slept_until, Some(secs(5)), "the sleep of 5 s ends at 5 s");
}

#[graded::test]
fn ten_sleeps_of_a_second_at_once_take_a_second() {
    let (spans, now) = sleep_all(&[1; 10]);
    assert!(
        now == secs(1) && spans.iter().all(|span| span.end == Some(secs(1))),
        "ten tasks sleep 1 s each, at the same time: all must finish at 1 s, and run() end \
         at now() == 1 s; it ended at now() == {now:?}. {}\n{}",
        diagnosis(&spans),
        drawing(&spans)
    );
}

#[graded::test]
fn sleeps_one_after_another_add_up() {
    let (ends, now) = within(
        LIMIT,
        &format!("run() with a task sleeping 1 s ten times {REAL_TIME}"),
        || {
            let runtime = Runtime::new();
            let ends = Arc::new(Mutex::new(Vec::new()));
            let (handle, log) = (runtime.clone(), ends.clone());
            runtime.spawn(async move {
                for _ in 0..10 {
                    handle.sleep(secs(1)).await;
                    log.lock().unwrap().push(handle.now().as_secs());
                }
            });
            runtime.run();
            let ends = ends.lock().unwrap().clone();
            (ends, runtime.now())
        },
    );
    assert_eq!(
        (ends, now),
        ((1..=10).collect(), secs(10)),
        "(the clock after each sleep, the clock at the end) for ten sleeps of 1 s one after \
         another: each deadline is now() + 1 s, computed when sleep() is called"
    );
}
