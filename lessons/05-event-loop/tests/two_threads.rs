//! Exercise `two_threads`: two workers that take tasks from one channel and run them at
//! the same time.
//!
//! A rendezvous of two tasks proves the parallelism (each blocks its worker until the
//! other is there); probe futures count their polls; every wait is guarded by a watchdog.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use lesson_05_event_loop::two_threads::{Executor, JoinHandle};
use pretty_assertions::assert_eq;
use shared::panics::{catch_quietly, message};
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience, below the
/// runner's limit.
const LIMIT: Duration = Duration::from_secs(3);

/// How long each task of the rendezvous waits for the other.
const PATIENCE: Duration = Duration::from_secs(1);

const HANG: &str = "(a task that is never polled again? The task's waker must send the task \
    through the channel again, and a worker must take it: never poll it inside `wake`. Or \
    a deadlock: is a lock held while a task is polled?)";

/// A future that counts its polls, is `Pending` `pending` times, waking itself during
/// each of those polls, and panics when polled after it returned `Ready`.
struct Probe {
    polls: Arc<AtomicUsize>,
    pending: usize,
    done: bool,
}

impl Probe {
    fn new(pending: usize) -> Probe {
        Probe {
            polls: Arc::default(),
            pending,
            done: false,
        }
    }
}

impl Future for Probe {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        assert!(
            !self.done,
            "a finished task was polled again (\"polled after completion\")"
        );
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        if self.pending == 0 {
            self.done = true;
            return Poll::Ready(polls);
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// `handle.join()`, with advice when it panics: the task was dropped unfinished.
fn join<T>(handle: JoinHandle<T>) -> T {
    catch_quietly(|| handle.join()).unwrap_or_else(|payload| {
        panic!(
            "join panicked ({}): the task was dropped before it finished. After a `Pending` \
             poll nothing but its waker keeps a task alive: the waker must send the task \
             through the channel again (implement `Wake` for the task, poll with \
             `Waker::from(task.clone())`, not `Waker::noop()`)",
            message(payload.as_ref())
        )
    })
}

#[graded::test]
fn join_returns_the_output() {
    let sum = within(LIMIT, &format!("spawn, join and shutdown {HANG}"), || {
        let executor = Executor::new();
        let a = executor.spawn(async { 20 });
        let b = executor.spawn(async { 22 });
        let sum = join(a) + join(b);
        executor.shutdown();
        sum
    });
    assert_eq!(sum, 42, "join returns each task's output");
}

#[graded::test]
fn two_tasks_run_at_the_same_time() {
    let outcomes = within(
        LIMIT,
        &format!("two tasks meeting in a rendezvous {HANG}"),
        || {
            let executor = Executor::new();
            let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let rendezvous = rendezvous.clone();
                    executor.spawn(async move {
                        catch_quietly(|| {
                            rendezvous.wait_or_explain(
                                "the two tasks did not run at the same time on the two \
                                 workers. Does a worker hold the receiver's lock while it \
                                 polls (`while let Ok(..) = receiver.lock().unwrap().recv()` \
                                 keeps the guard for the whole loop body)? Take one message, \
                                 release the lock, then poll. Are two worker threads started?",
                            )
                        })
                        .map_err(|payload| message(payload.as_ref()))
                    })
                })
                .collect();
            let outcomes: Vec<_> = handles.into_iter().map(join).collect();
            executor.shutdown();
            outcomes
        },
    );
    for outcome in outcomes {
        if let Err(error) = outcome {
            panic!("{error}");
        }
    }
}

#[graded::test]
fn tasks_that_wake_themselves_finish() {
    let total = within(
        LIMIT,
        &format!("20 tasks, each woken 10 times {HANG}"),
        || {
            let executor = Executor::new();
            let handles: Vec<_> = (0..20).map(|_| executor.spawn(Probe::new(10))).collect();
            let total: usize = handles.into_iter().map(join).sum();
            executor.shutdown();
            total
        },
    );
    assert_eq!(
        total,
        20 * 11,
        "20 tasks, each woken 10 times: each must be polled 10 + 1 = 11 times. More polls \
         mean busy-polling: a worker sends a `Pending` task back to the channel by itself \
         (only its waker may), or several wake-ups before one poll are not counted once"
    );
}

#[graded::test]
fn a_pending_task_nobody_wakes_is_polled_once() {
    let polls = within(
        LIMIT,
        &format!("a task that is Pending and never woken, then shutdown {HANG}"),
        || {
            let polls = Arc::new(AtomicUsize::new(0));
            let counted = polls.clone();
            let executor = Executor::new();
            let _detached = executor.spawn(std::future::poll_fn(move |_| {
                counted.fetch_add(1, Ordering::SeqCst);
                Poll::<()>::Pending
            }));
            let check = executor.spawn(async {});
            join(check);
            // Both workers have had the time to take everything from the channel: a
            // busy-polling worker would have polled the pending task again and again.
            let second = executor.spawn(Probe::new(50));
            join(second);
            executor.shutdown();
            polls.load(Ordering::SeqCst)
        },
    );
    assert_eq!(
        polls, 1,
        "a task that returned `Pending` and was never woken was polled {polls} times: only \
         its waker may send it to the workers again (busy-polling)"
    );
}

#[graded::test]
// A student's `JoinHandle` may implement `Drop`: the drop is the point of the test.
#[allow(clippy::drop_non_drop)]
fn dropping_a_join_handle_detaches_the_task() {
    let finished = within(
        LIMIT,
        &format!("a detached task, then join of another {HANG}"),
        || {
            let finished = Arc::new(AtomicUsize::new(0));
            let executor = Executor::new();
            let done = finished.clone();
            drop(executor.spawn(async move {
                Probe::new(3).await;
                done.fetch_add(1, Ordering::SeqCst);
            }));
            let done = finished.clone();
            let witness = executor.spawn(async move {
                // Polled until the detached task has finished.
                std::future::poll_fn(|cx| {
                    if done.load(Ordering::SeqCst) == 1 {
                        Poll::Ready(())
                    } else {
                        cx.waker().wake_by_ref();
                        Poll::Pending
                    }
                })
                .await;
            });
            join(witness);
            executor.shutdown();
            finished.load(Ordering::SeqCst)
        },
    );
    assert_eq!(
        finished, 1,
        "dropping a JoinHandle detaches the task: it still runs to the end"
    );
}

thread_local! {
    /// Set by a task on the worker that polls it: its destructor runs when that worker
    /// thread ends, and reports it.
    static ON_EXIT: std::cell::RefCell<Option<ExitReport>> = const { std::cell::RefCell::new(None) };
}

struct ExitReport(std::sync::mpsc::Sender<()>);

impl Drop for ExitReport {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

#[graded::test]
fn shutdown_waits_for_both_workers_to_end() {
    let ended = within(
        LIMIT,
        &format!("shutdown with a task still pending {HANG}"),
        || {
            let (report, exits) = std::sync::mpsc::channel();
            let executor = Executor::new();
            // Two tasks that meet: one on each worker; each leaves a report on its worker.
            let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let (rendezvous, report) = (rendezvous.clone(), report.clone());
                    executor.spawn(async move {
                        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(ExitReport(report)));
                        catch_quietly(|| rendezvous.wait()).is_ok()
                    })
                })
                .collect();
            let met: Vec<bool> = handles.into_iter().map(join).collect();
            // A task left pending, whose waker the test keeps: the channel stays open.
            let kept = Arc::new(std::sync::Mutex::new(None));
            let stored = kept.clone();
            let pending = executor.spawn(std::future::poll_fn(move |cx| {
                *stored.lock().unwrap() = Some(cx.waker().clone());
                Poll::<()>::Pending
            }));
            drop(pending);
            while kept.lock().unwrap().is_none() {
                std::thread::yield_now();
            }
            executor.shutdown();
            let ended = exits.try_iter().count();
            drop(kept);
            (met, ended)
        },
    );
    assert_eq!(
        ended,
        (vec![true, true], 2),
        "(whether the two tasks met on the two workers, how many workers had ended when \
         shutdown returned): shutdown must stop both workers and wait for them to end. \
         Send one `Stop` message per worker through the channel, then `join` every worker \
         thread"
    );
}
