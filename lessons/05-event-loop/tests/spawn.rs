//! Exercise `spawn`: a run queue of tasks, polled exactly when woken, and a `JoinHandle`.
//!
//! Probe futures count their polls and log what they do; `run` is guarded by a watchdog
//! (a busy-polling executor never returns while a task is pending); the `JoinHandle` is
//! polled by a mock task (`tokio_test::task::spawn`) that records whether it was woken.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use lesson_05_event_loop::spawn::Executor;
use pretty_assertions::assert_eq;
use shared::panics::{catch_quietly, message};
use shared::watchdog::within;
use tokio_test::{assert_pending, assert_ready_eq};

/// Far above what a correct solution needs (microseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(1);

const HANG: &str = "run() must return once no task is ready. Does it put a task that \
    returned `Pending` back on the run queue by itself (busy-polling)? Only the task's \
    waker puts it back. Or is the run queue's lock held while a task is polled (a task \
    that wakes itself then waits for it forever)?";

/// A future that counts its polls, is `Pending` `pending` times, waking itself during
/// each of those polls, and panics when polled after it returned `Ready`.
struct Probe {
    polls: Arc<AtomicUsize>,
    pending: usize,
    done: bool,
    /// Where the probe leaves its waker at every poll, for the test to call later.
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Probe {
    fn new(pending: usize) -> Probe {
        Probe {
            polls: Arc::default(),
            pending,
            done: false,
            waker: Arc::default(),
        }
    }
}

impl Future for Probe {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        assert!(
            !self.done,
            "a finished task was polled again after it completed (\"polled after \
             completion\"): a late wake-up of a finished task must be harmless. Drop the \
             task's future when it returns `Ready` (set an `Option` to `None`), and skip a \
             woken task that has none"
        );
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        if self.pending == 0 {
            self.done = true;
            return Poll::Ready(polls);
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// `Pending` until `open` is set, storing its waker (no self wake-up); counts its polls.
struct Gate {
    open: Arc<AtomicUsize>,
    polls: Arc<AtomicUsize>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Future for Gate {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.open.load(Ordering::SeqCst) > 0 {
            return Poll::Ready(());
        }
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[graded::test]
fn spawn_only_queues_the_task() {
    let (before, after) = within(LIMIT, &format!("spawn and run: {HANG}"), || {
        let polls = Arc::new(AtomicUsize::new(0));
        let executor = Executor::new();
        let counted = polls.clone();
        let _handle = executor.spawn(async move {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let before = polls.load(Ordering::SeqCst);
        executor.run();
        (before, polls.load(Ordering::SeqCst))
    });
    assert_eq!(
        before, 0,
        "spawn polled the future at once: like `create_task`, spawn only puts the task on \
         the run queue, and the task runs when the executor runs"
    );
    assert_eq!(after, 1, "run() polls the spawned task");
}

#[graded::test]
fn a_pending_task_nobody_wakes_is_polled_once() {
    let polls = within(
        LIMIT,
        &format!("run() with a task that is Pending and never woken: {HANG}"),
        || {
            let executor = Executor::new();
            let gate = Gate {
                open: Arc::default(),
                polls: Arc::default(),
                waker: Arc::default(),
            };
            let polls = gate.polls.clone();
            let _handle = executor.spawn(gate);
            executor.run();
            polls.load(Ordering::SeqCst)
        },
    );
    assert_eq!(
        polls, 1,
        "a task that returned `Pending` and was never woken must not be polled again: \
         polling it anyway is busy-polling"
    );
}

#[graded::test]
fn a_task_is_polled_once_per_wake_up() {
    let polls = within(
        LIMIT,
        &format!("run() with a task that wakes itself 3 times: {HANG}"),
        || {
            let executor = Executor::new();
            let probe = Probe::new(3);
            let polls = probe.polls.clone();
            let _handle = executor.spawn(probe);
            executor.run();
            polls.load(Ordering::SeqCst)
        },
    );
    assert!(
        polls > 1,
        "a task woken 3 times was polled only once: its waker must put the task back on \
         the run queue (implement `Wake` for the task: `wake` pushes the `Arc<Task>` onto \
         the queue), and the task must be polled with that waker, not `Waker::noop()`"
    );
    assert_eq!(
        polls, 4,
        "a task woken 3 times, each between two polls, is polled 3 + 1 = 4 times"
    );
}

#[graded::test]
fn wake_ups_before_the_next_poll_count_once() {
    let polls = within(
        LIMIT,
        &format!("run() with a task woken by two others: {HANG}"),
        || {
            let executor = Executor::new();
            // Never opened: the gate stays pending, and only counts its polls.
            let gate = Gate {
                open: Arc::default(),
                polls: Arc::default(),
                waker: Arc::default(),
            };
            let (polls, waker) = (gate.polls.clone(), gate.waker.clone());
            let mut handles = vec![executor.spawn(gate)];
            for _ in 0..2 {
                let waker = waker.clone();
                handles.push(executor.spawn(async move {
                    if let Some(waker) = waker.lock().unwrap().as_ref() {
                        waker.wake_by_ref();
                    }
                }));
            }
            executor.run();
            drop(handles);
            polls.load(Ordering::SeqCst)
        },
    );
    assert_eq!(
        polls, 2,
        "a pending task woken twice before it is polled again is polled once more, not \
         twice: remember in the task that it is already on the run queue, and queue it \
         only when it is not"
    );
}

#[graded::test]
fn join_handle_is_woken_when_the_task_finishes() {
    within(LIMIT, &format!("run() and a JoinHandle: {HANG}"), || {
        let executor = Executor::new();
        let mut handle = tokio_test::task::spawn(executor.spawn(Probe::new(2)));
        assert_pending!(
            handle.poll(),
            "the JoinHandle of a task that has not run yet is `Pending`"
        );
        executor.run();
        assert!(
            handle.is_woken(),
            "the JoinHandle was polled (`Pending`) before its task finished, and nobody \
             woke it when the task finished: store the waker the handle is polled with \
             where the task finds it, and wake it when the output is stored"
        );
        assert_ready_eq!(handle.poll(), 3, "the JoinHandle gives the task's output");
    });
}

#[graded::test]
fn a_task_can_await_another_tasks_handle() {
    let output = within(
        LIMIT,
        &format!("run() with a task awaiting a JoinHandle: {HANG}"),
        || {
            let executor = Executor::new();
            let output = Arc::new(Mutex::new(None));
            let handle = executor.spawn(async { Probe::new(2).await * 10 });
            let stored = output.clone();
            let _printer = executor.spawn(async move {
                let value = handle.await;
                *stored.lock().unwrap() = Some(value);
            });
            executor.run();
            output.lock().unwrap().take()
        },
    );
    assert_eq!(
        output,
        Some(30),
        "a task that awaits another task's JoinHandle gets its output (the handle wakes the \
         awaiting task when the output is there)"
    );
}

#[graded::test]
fn waking_a_finished_task_is_harmless() {
    let (again, polls) = within(
        LIMIT,
        &format!("run(), a late wake-up, and run() again: {HANG}"),
        || {
            let executor = Executor::new();
            let probe = Probe::new(1);
            let (polls, waker) = (probe.polls.clone(), probe.waker.clone());
            let _handle = executor.spawn(probe);
            executor.run();
            let late = waker.lock().unwrap().clone().expect("the probe was polled");
            late.wake_by_ref();
            late.wake();
            let again =
                catch_quietly(|| executor.run()).map_err(|payload| message(payload.as_ref()));
            (again, polls.load(Ordering::SeqCst))
        },
    );
    if let Err(error) = again {
        panic!(
            "a finished task was woken, and the next run() panicked: {error:?}. The task was \
             polled again after it completed (\"polled after completion\"): a late wake-up of \
             a finished task must be harmless. Drop the task's future when it returns \
             `Ready` (set an `Option` to `None`), and skip a woken task that has none"
        );
    }
    assert_eq!(
        polls, 2,
        "the task was woken after it finished: it must not be polled again"
    );
}

#[graded::test]
// A student's `JoinHandle` may implement `Drop`: the drop is the point of the test.
#[allow(clippy::drop_non_drop)]
fn dropping_the_join_handle_detaches_the_task() {
    let (finished, polls) = within(
        LIMIT,
        &format!("run() with a detached task: {HANG}"),
        || {
            let executor = Executor::new();
            let finished = Arc::new(AtomicUsize::new(0));
            let probe = Probe::new(2);
            let polls = probe.polls.clone();
            let done = finished.clone();
            let handle = executor.spawn(async move {
                probe.await;
                done.fetch_add(1, Ordering::SeqCst);
            });
            drop(handle);
            executor.run();
            (
                finished.load(Ordering::SeqCst),
                polls.load(Ordering::SeqCst),
            )
        },
    );
    assert_eq!(
        (finished, polls),
        (1, 3),
        "(times the task finished, polls of the future it awaits) after its JoinHandle was \
         dropped: dropping a JoinHandle detaches the task, it does not cancel it; the task \
         still runs to the end, and only its output is thrown away"
    );
}
