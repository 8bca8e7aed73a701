//! Exercise `run_until_complete`: the lecture's loop API, gather, and deadlock detection.
//!
//! The lecture's coroutines (`read_lecture`, `drink_water`) run on the student's loop and
//! record, on its virtual clock, when they ran; a timing failure draws them with
//! `shared::timeline`. A loop that hangs instead of reporting a deadlock is stopped by a
//! watchdog; the deadlock panic is caught quietly and its message checked.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use lesson_05_event_loop::run_until_complete::{Runtime, gather};
use pretty_assertions::assert_eq;
use shared::panics::{catch_quietly, message};
use shared::timeline::Timeline;
use shared::watchdog::within;

/// Far above what a correct solution needs (microseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(1);

type Lecture = Pin<Box<dyn Future<Output = &'static str> + Send>>;

/// What the lecture's coroutines did, on the runtime's clock.
#[derive(Clone, Default)]
struct Record {
    log: Arc<Mutex<Vec<String>>>,
    timeline: Timeline,
}

impl Record {
    fn say(&self, line: &str) {
        self.log.lock().unwrap().push(line.to_string());
    }

    fn lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// The lecture's `read_lecture(1)`: 2 s.
fn read_lecture(runtime: &Runtime, record: &Record) -> Lecture {
    let (runtime, record) = (runtime.clone(), record.clone());
    Box::pin(async move {
        let start = runtime.now();
        record.say("hello");
        runtime.sleep(secs(1)).await;
        record.say("...saying boring stuff...");
        runtime.sleep(secs(1)).await;
        record.say("done!");
        record
            .timeline
            .record("read_lecture(1)", start, Some(runtime.now()));
        "knowledge"
    })
}

/// The lecture's `drink_water(1)`: 1 s.
fn drink_water(runtime: &Runtime, record: &Record) -> Lecture {
    let (runtime, record) = (runtime.clone(), record.clone());
    Box::pin(async move {
        let start = runtime.now();
        record.say("first sip");
        runtime.sleep(secs(1)).await;
        record.say("second sip");
        record
            .timeline
            .record("drink_water(1)", start, Some(runtime.now()));
        "hydrated!"
    })
}

/// Runs `run_until_complete(future)` under the watchdog; the deadlock panic (or any
/// other) is caught quietly and returned as its message.
fn run_quietly<T: Send + 'static>(
    what: &str,
    make: impl FnOnce(&Runtime) -> Pin<Box<dyn Future<Output = T> + Send>> + Send + 'static,
) -> (Result<T, String>, Duration) {
    within(
        LIMIT,
        &format!(
            "{what}: a loop that hangs instead of reporting a deadlock? When the future is \
             pending and was not woken, no task is ready and no timer is left, panic with \
             \"deadlock: ...\"; do not wait for a wake-up that cannot come"
        ),
        move || {
            let runtime = Runtime::new();
            let future = make(&runtime);
            let outcome = catch_quietly(|| runtime.run_until_complete(future))
                .map_err(|payload| message(payload.as_ref()));
            (outcome, runtime.now())
        },
    )
}

#[graded::test]
fn returns_the_output_of_the_future() {
    let (outcome, _) = run_quietly("run_until_complete(async { 6 * 7 })", |_| {
        Box::pin(async { 6 * 7 })
    });
    assert_eq!(
        outcome,
        Ok(42),
        "run_until_complete returns the future's output"
    );
}

#[graded::test]
fn a_pending_timer_is_not_a_deadlock() {
    let (outcome, now) = run_quietly("run_until_complete(sleep(10 s))", |runtime| {
        let runtime = runtime.clone();
        Box::pin(async move {
            runtime.sleep(secs(10)).await;
            runtime.now()
        })
    });
    assert_eq!(
        outcome,
        Ok(secs(10)),
        "the future sleeps 10 s: nothing is ready, but a timer is pending, so advance the \
         clock to it (advance_clock) instead of reporting a deadlock"
    );
    assert_eq!(now, secs(10), "the clock ends at the deadline, 10 s");
}

#[graded::test]
fn nothing_left_to_wake_the_future_is_a_deadlock() {
    let (outcome, _) = run_quietly("run_until_complete(std::future::pending())", |_| {
        Box::pin(std::future::pending::<()>())
    });
    let error = outcome.expect_err(
        "run_until_complete(std::future::pending()) returned: that future never completes",
    );
    assert!(
        error.starts_with("deadlock"),
        "a future that can never complete must make run_until_complete panic with a message \
         that starts with \"deadlock\", got: {error:?}"
    );
    let (outcome, _) = run_quietly(
        "run_until_complete of a task awaiting a channel nobody sends to",
        |runtime| {
            let (sender, receiver) = futures::channel::oneshot::channel::<u32>();
            let task = runtime.spawn(async move {
                let value = receiver.await;
                drop(sender);
                value
            });
            Box::pin(task)
        },
    );
    assert!(
        outcome
            .as_ref()
            .is_err_and(|error| error.starts_with("deadlock")),
        "the future awaits a task that waits for a message nobody can send: a deadlock; \
         run_until_complete must panic with \"deadlock: ...\", got {outcome:?}"
    );
}

#[graded::test]
fn the_lectures_tasks_run_until_each_completes() {
    let record = Record::default();
    let timeline = record.timeline.clone();
    let ((two, after_two, done_after_two), (one, after_one)) = within(
        LIMIT,
        "run_until_complete(task_two), then run_until_complete(task_one): a loop that hangs \
         or waits in real time?",
        move || {
            let runtime = Runtime::new();
            let task_one = runtime.spawn(read_lecture(&runtime, &record));
            let task_two = runtime.spawn(drink_water(&runtime, &record));
            let two = runtime.run_until_complete(task_two);
            let after_two = runtime.now();
            let done = record.lines().contains(&"done!".to_string());
            let one = runtime.run_until_complete(task_one);
            ((two, after_two, done), (one, runtime.now()))
        },
    );
    assert!(
        two == "hydrated!" && after_two == secs(1) && !done_after_two,
        "run_until_complete(task_two) must return \"hydrated!\" as soon as task_two is done, \
         at 1 s, while task_one (2 s) is still unfinished; it returned {two:?} at {after_two:?} \
         (task_one finished: {done_after_two}). Return as soon as the future completes, \
         do not run every task to the end\n{timeline}"
    );
    assert_eq!(
        (one, after_one),
        ("knowledge", secs(2)),
        "the second run_until_complete(task_one) goes on with task_one, which ends at 2 s"
    );
}

#[graded::test]
fn gather_waits_for_all_at_once_and_keeps_the_order() {
    let record = Record::default();
    let timeline = record.timeline.clone();
    let (outputs, now) = within(
        LIMIT,
        "run_until_complete(gather([read_lecture(1), drink_water(1)])): a loop that hangs, a \
         gather that never completes, or a wait in real time?",
        move || {
            let runtime = Runtime::new();
            let futures = vec![
                read_lecture(&runtime, &record),
                drink_water(&runtime, &record),
            ];
            let outputs = runtime.run_until_complete(gather(futures));
            (outputs, runtime.now())
        },
    );
    assert!(
        now == secs(2),
        "gather of read_lecture(1) (2 s) and drink_water(1) (1 s) took {now:?} of virtual \
         time, expected 2 s: {}\n{timeline}",
        if now > secs(2) {
            "the futures were awaited one after another; poll every unfinished future each \
             time gather is polled, so that they all wait at the same time"
        } else {
            "gather completed before its slowest future"
        }
    );
    assert_eq!(
        outputs,
        ["knowledge", "hydrated!"],
        "gather returns the outputs in the input order (read_lecture first), not in the \
         order the futures finished"
    );
    let (outputs, _) = run_quietly("run_until_complete(gather(vec![]))", |_| {
        Box::pin(gather(Vec::<Lecture>::new()))
    });
    assert_eq!(
        outputs,
        Ok(vec![]),
        "gather of no future is ready at once, with no output"
    );
}

/// Wraps a future and counts its polls.
struct Counted<F> {
    polls: Arc<AtomicUsize>,
    future: F,
}

impl<F: Future + Unpin> Future for Counted<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        Pin::new(&mut self.future).poll(cx)
    }
}

#[graded::test]
fn the_future_is_polled_only_when_woken() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = polls.clone();
    let (outcome, now) = run_quietly(
        "run_until_complete of a sleep of 5 s next to a task sleeping 1 s five times",
        move |runtime| {
            let background = runtime.clone();
            let _detached = runtime.spawn(async move {
                for _ in 0..5 {
                    background.sleep(secs(1)).await;
                }
            });
            let sleeper = runtime.clone();
            let inner: Pin<Box<dyn Future<Output = ()> + Send>> =
                Box::pin(async move { sleeper.sleep(secs(5)).await });
            Box::pin(Counted {
                polls: counted,
                future: inner,
            })
        },
    );
    assert_eq!(outcome, Ok(()), "the sleep completes");
    assert_eq!(now, secs(5), "the sleep of 5 s ends at 5 s");
    let polls = polls.load(Ordering::SeqCst);
    assert_eq!(
        polls, 2,
        "the future of run_until_complete was polled {polls} times: it sleeps 5 s and is \
         woken once, so it must be polled twice. Poll it only when its own waker was called \
         (a flag that its waker sets), not on every turn of the loop (busy-polling)"
    );
}
