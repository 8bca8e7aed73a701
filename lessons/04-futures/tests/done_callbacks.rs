//! Exercise `done_callbacks`: callbacks that run exactly once, at once if already done, on
//! the completing thread, and never with the lock held.
//!
//! The callbacks log what they see (which callback, on which thread, what the promise
//! says); every test runs under a std-thread watchdog, so a callback run with the lock
//! held (a deadlock as soon as it touches the promise) fails with advice; a stress test
//! races `add_done_callback` with `set_result` on two threads.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

use lesson_04_futures::done_callbacks::{AlreadySet, Promise};
use pretty_assertions::assert_eq;
use shared::watchdog::within;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(2);

/// Runs a test's body under a watchdog: a deadlock fails after `LIMIT` with advice.
fn guarded(test: &str, body: impl FnOnce() + Send + 'static) {
    within(
        LIMIT,
        &format!(
            "{test}: a call deadlocked. Was a callback called while holding the promise's \
             lock? A callback that uses the promise (done(), result(), add_done_callback) \
             then waits for that lock forever: take what you need under the lock, release \
             it, then run the callbacks"
        ),
        body,
    );
}

type Log = Arc<Mutex<Vec<String>>>;

/// A callback that logs `name` and nothing else.
fn logger(log: &Log, name: &'static str) -> impl FnOnce(&Promise<u32>) + Send + 'static {
    let log = Arc::clone(log);
    move |_| log.lock().unwrap().push(name.to_string())
}

fn lines(log: &Log) -> Vec<String> {
    log.lock().unwrap().clone()
}

#[graded::test]
fn callbacks_run_on_the_thread_that_completes_it() {
    guarded("callbacks_run_on_the_thread_that_completes_it", || {
        let ran_on: Arc<Mutex<Vec<ThreadId>>> = Arc::default();
        let promise = Promise::<u32>::new();
        for _ in 0..3 {
            let ran_on = Arc::clone(&ran_on);
            promise.add_done_callback(move |_| ran_on.lock().unwrap().push(thread::current().id()));
        }
        let setter = {
            let (promise, ran_on) = (promise.clone(), Arc::clone(&ran_on));
            thread::spawn(move || {
                promise.set_result(3).unwrap();
                // What had run by the time set_result returned.
                (thread::current().id(), ran_on.lock().unwrap().len())
            })
        };
        let (setter_id, ran_before_return) = setter.join().expect("set_result panicked");
        assert_eq!(
            ran_before_return, 3,
            "callbacks that had run when set_result returned: all of them must run on the \
             thread that calls set_result, before it returns (not on a thread of their own)"
        );
        assert_eq!(
            *ran_on.lock().unwrap(),
            [setter_id; 3],
            "the threads the callbacks ran on: they must run on the thread that calls \
             set_result, before it returns"
        );
        let here = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&here);
        promise.add_done_callback(move |_| *seen.lock().unwrap() = Some(thread::current().id()));
        assert_eq!(
            *here.lock().unwrap(),
            Some(thread::current().id()),
            "a callback added when the promise is done must run at once, on the thread that \
             adds it"
        );
    });
}

#[graded::test]
fn callbacks_run_once_in_order_when_set() {
    guarded("callbacks_run_once_in_order_when_set", || {
        let log = Log::default();
        let promise = Promise::<u32>::new();
        promise.add_done_callback(logger(&log, "first"));
        promise.add_done_callback(logger(&log, "second"));
        promise.add_done_callback(logger(&log, "third"));
        assert!(
            !promise.done(),
            "(the given done()) a promise not set is not done"
        );
        assert_eq!(
            lines(&log),
            Vec::<String>::new(),
            "callbacks ran before the promise was done: keep them until set_result"
        );
        assert_eq!(promise.set_result(7), Ok(()), "the first set_result");
        assert_eq!(
            lines(&log),
            ["first", "second", "third"],
            "the callbacks that ran, in order, once set_result returned: every callback \
             exactly once, in the order they were added, on the thread that calls \
             set_result, before it returns"
        );
        assert!(promise.done(), "done() after set_result");
        assert_eq!(promise.result(), Some(7), "result() after set_result(7)");
        assert_eq!(
            promise.set_result(8),
            Err(AlreadySet),
            "a second set_result must fail: a promise is set only once"
        );
        assert_eq!(
            promise.result(),
            Some(7),
            "after a refused set_result the first value stays"
        );
        assert_eq!(
            lines(&log),
            ["first", "second", "third"],
            "the second set_result ran callbacks again: each runs exactly once"
        );
    });
}

#[graded::test]
fn a_callback_added_when_done_runs_at_once() {
    guarded("a_callback_added_when_done_runs_at_once", || {
        let log = Log::default();
        let promise = Promise::<u32>::new();
        promise.set_result(1).unwrap();
        promise.add_done_callback(logger(&log, "late"));
        assert_eq!(
            lines(&log),
            ["late"],
            "a callback added to a promise that is already done must run at once, before \
             add_done_callback returns (nobody will call set_result again to run it)"
        );
        promise.add_done_callback(logger(&log, "later"));
        assert_eq!(lines(&log), ["late", "later"]);
    });
}

#[graded::test]
fn a_callback_may_use_the_promise() {
    guarded("a_callback_may_use_the_promise", || {
        let log = Log::default();
        let promise = Promise::<u32>::new();
        let inner_log = Arc::clone(&log);
        promise.add_done_callback(move |p| {
            let seen = format!("outer saw done={} result={:?}", p.done(), p.result());
            inner_log.lock().unwrap().push(seen);
            let nested_log = Arc::clone(&inner_log);
            p.add_done_callback(move |p| {
                let seen = format!("nested saw result={:?}", p.result());
                nested_log.lock().unwrap().push(seen);
            });
            inner_log.lock().unwrap().push("outer ends".to_string());
        });
        promise.set_result(5).unwrap();
        assert_eq!(
            lines(&log),
            [
                "outer saw done=true result=Some(5)",
                "nested saw result=Some(5)",
                "outer ends"
            ],
            "a callback that reads the promise and adds a callback to it: it sees the \
             value, and the callback it adds (to a promise that is done) runs at once"
        );
    });
}

/// What the racing thread is told when the stress test is over.
const STOP: u32 = u32::MAX;

/// How long a stress test races the two sides at most (it stops at the first failure; a
/// correct solution never fails, however many rounds run).
const STRESS: Duration = Duration::from_secs(3);

/// How many pairs of threads race at once (more threads get more of a busy machine).
const PAIRS: usize = 4;

/// Spins until `flag` holds `value` (`true`) or `STOP` (`false`), yielding now and then
/// so that a descheduled peer on a busy machine gets the core.
fn spin_until(flag: &AtomicU32, value: u32) -> bool {
    let mut spins = 0u32;
    loop {
        match flag.load(Ordering::Acquire) {
            seen if seen == value => return true,
            STOP => return false,
            _ => {}
        }
        spins += 1;
        if spins % 1024 == 0 {
            thread::yield_now();
        } else {
            std::hint::spin_loop();
        }
    }
}

/// One step of a race: what the other thread gets, and what this one keeps.
type Make<X, Y> = fn() -> (X, Y);

/// Races two threads, round after round, on `PAIRS` pairs of threads at once, until
/// `judge` finds a failure or `STRESS` is over. Each round, `make` makes the two parts,
/// the two threads are released together (spinning on `go`), one runs `other(x)` once,
/// the other `this(&mut y)`, which repeats its call in a loop until it sees the other's
/// effect (so the other's call lands at a random point of it), and once both are done
/// `judge(y)` says what went wrong, if anything. Returns the round and the failure, if
/// one was found.
fn stress<X, Y, R>(
    make: Make<X, Y>,
    other: fn(X),
    this: fn(&mut Y),
    judge: fn(Y) -> Option<R>,
) -> Option<(u32, R)>
where
    X: Send + 'static,
    Y: 'static,
    R: Send + 'static,
{
    let stop = Arc::new(AtomicBool::new(false));
    let deadline = std::time::Instant::now() + STRESS;
    let pairs: Vec<_> = (0..PAIRS)
        .map(|_| {
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                let found = race_pair(make, other, this, judge, deadline, &stop);
                if found.is_some() {
                    stop.store(true, Ordering::Relaxed);
                }
                found
            })
        })
        .collect();
    let found: Vec<_> = pairs
        .into_iter()
        .map(|pair| pair.join().expect("a racing thread panicked"))
        .collect();
    found.into_iter().flatten().next()
}

/// One pair of racing threads: this one and a peer; see [`stress`].
fn race_pair<X, Y, R>(
    make: Make<X, Y>,
    other: fn(X),
    this: fn(&mut Y),
    judge: fn(Y) -> Option<R>,
    deadline: std::time::Instant,
    stop: &AtomicBool,
) -> Option<(u32, R)>
where
    X: Send + 'static,
{
    let slot: Arc<Mutex<Option<X>>> = Arc::new(Mutex::new(None));
    let go = Arc::new(AtomicU32::new(0));
    let finished = Arc::new(AtomicU32::new(0));
    let peer = {
        let (slot, go, finished) = (Arc::clone(&slot), Arc::clone(&go), Arc::clone(&finished));
        thread::spawn(move || {
            for round in 1.. {
                if !spin_until(&go, round) {
                    break;
                }
                let x = slot.lock().unwrap().take().expect("this round's part");
                other(x);
                finished.store(round, Ordering::Release);
            }
        })
    };
    let mut found = None;
    for round in 1..STOP {
        if stop.load(Ordering::Relaxed) || std::time::Instant::now() >= deadline {
            break;
        }
        let (x, mut y) = make();
        *slot.lock().unwrap() = Some(x);
        go.store(round, Ordering::Release);
        this(&mut y);
        spin_until(&finished, round);
        if let Some(failure) = judge(y) {
            found = Some((round, failure));
            break;
        }
    }
    go.store(STOP, Ordering::Release);
    peer.join().expect("the racing peer panicked");
    found
}

#[graded::test]
fn adding_while_setting_runs_each_exactly_once() {
    let found = within(
        Duration::from_secs(8),
        "racing add_done_callback on one thread with set_result on another (a deadlock?)",
        || {
            stress(
                || {
                    let promise = Promise::new();
                    let set = Arc::new(AtomicBool::new(false));
                    let runs = Arc::new(AtomicUsize::new(0));
                    ((promise.clone(), Arc::clone(&set)), (promise, set, 0, runs))
                },
                |(promise, set)| {
                    promise.set_result(1).unwrap();
                    set.store(true, Ordering::Release);
                },
                |(promise, set, added, runs)| {
                    // Add callbacks until set_result has returned.
                    loop {
                        let runs = Arc::clone(runs);
                        promise.add_done_callback(move |_| {
                            runs.fetch_add(1, Ordering::SeqCst);
                        });
                        *added += 1;
                        if set.load(Ordering::Acquire) {
                            break;
                        }
                        if *added % 1024 == 0 {
                            thread::yield_now();
                        }
                    }
                },
                // Both sides have returned: every callback added must have run, once.
                |(_, _, added, runs)| {
                    let runs = runs.load(Ordering::SeqCst);
                    (runs != added).then_some((added, runs))
                },
            )
        },
    );
    match found {
        None => {}
        Some((round, (added, runs))) if runs < added => panic!(
            "in race {round} of add_done_callback with set_result, {} callback(s) of \
             {added} added never ran: the callback never ran when it was kept for later \
             after set_result had already taken the list. Decide \"keep it\" or \"run it \
             now\" in ONE critical section (one lock) with the check for the value, the \
             same lock set_result holds to store the value and take the list",
            added - runs
        ),
        Some((round, (added, runs))) => panic!(
            "in race {round} of add_done_callback with set_result, {added} callbacks were \
             added and they ran {runs} times: each must run exactly once"
        ),
    }
}
