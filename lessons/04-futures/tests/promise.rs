//! Exercise `promise`: asyncio's `Future` API as a `Promise`/`Resolver` pair.
//!
//! The tests poll the promise by hand with counting wakers and tokio-test's mock task
//! (which waker was woken, and when), await it on tokio with a resolver on another thread
//! or task (under a std-thread watchdog, so a hang or a blocked runtime fails with
//! advice), give it a waker that touches the promise (a wake under the lock deadlocks),
//! and race `set_result` with a loop of polls thousands of times (a lost wake-up shows up).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use futures_test::task::new_count_waker;
use lesson_04_futures::promise::{AlreadySet, Promise, PromiseError, Resolver, promise};
use pretty_assertions::assert_eq;
use shared::heartbeat::Heartbeat;
use shared::watchdog::within;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(2);

type Outcome = Result<u32, PromiseError<String>>;

/// A new promise of a `u32`, failing with a `String`.
fn pair() -> (Resolver<u32, String>, Promise<u32, String>) {
    promise()
}

/// One poll of `promise` with `waker`.
fn poll_with(promise: &mut Promise<u32, String>, waker: &Waker) -> Poll<Outcome> {
    Pin::new(promise).poll(&mut Context::from_waker(waker))
}

/// Runs a test's body under a watchdog: a hang fails after `LIMIT` with advice.
fn guarded(test: &str, body: impl FnOnce() + Send + 'static) {
    within(
        LIMIT,
        &format!(
            "{test}: a call to the promise never returned. `poll` must return `Pending` at \
             once when there is no outcome yet: never wait for the outcome inside `poll` (a \
             condvar, a sleep loop), that blocks the thread the resolver may need"
        ),
        body,
    );
}

/// A current-thread tokio runtime with a paused clock.
fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a tokio runtime")
}

#[graded::test]
fn set_result_then_done_and_result() {
    guarded("set_result_then_done_and_result", || {
        let (resolver, mut promise) = pair();
        assert!(!promise.done(), "a new promise is not done");
        assert_eq!(
            promise.result(),
            Err(PromiseError::NotDone),
            "result() of a promise that is not done yet"
        );
        assert_eq!(
            poll_with(&mut promise, Waker::noop()),
            Poll::Pending,
            "polling a promise with no outcome yet"
        );
        assert_eq!(resolver.set_result(42), Ok(()), "the first set_result");
        assert!(promise.done(), "done() after set_result");
        assert_eq!(promise.result(), Ok(42), "result() after set_result(42)");
        assert_eq!(
            poll_with(&mut promise, Waker::noop()),
            Poll::Ready(Ok(42)),
            "polling a promise set to 42"
        );
        assert_eq!(
            promise.result(),
            Ok(42),
            "result() again, after the promise was awaited: the outcome stays"
        );
    });
}

#[graded::test]
fn set_exception_gives_the_error() {
    guarded("set_exception_gives_the_error", || {
        let (resolver, mut promise) = pair();
        assert_eq!(resolver.set_exception("boom".to_string()), Ok(()));
        assert!(promise.done(), "a failed promise is done");
        assert_eq!(
            promise.result(),
            Err(PromiseError::Failed("boom".to_string())),
            "result() after set_exception(\"boom\")"
        );
        assert_eq!(
            poll_with(&mut promise, Waker::noop()),
            Poll::Ready(Err(PromiseError::Failed("boom".to_string())))
        );
        assert_eq!(
            PromiseError::Failed("boom").to_string(),
            "the promise failed: boom",
            "(the given Display)"
        );
    });
}

#[graded::test]
fn an_outcome_is_set_only_once() {
    guarded("an_outcome_is_set_only_once", || {
        let (resolver, promise) = pair();
        resolver.set_result(1).expect("the first set_result");
        assert_eq!(
            resolver.set_result(2),
            Err(AlreadySet),
            "a second set_result must fail: a promise is settled only once"
        );
        assert_eq!(
            resolver.set_exception("late".to_string()),
            Err(AlreadySet),
            "set_exception after set_result must fail"
        );
        assert_eq!(
            promise.result(),
            Ok(1),
            "after a refused second set, the first outcome stays"
        );
        let (resolver, promise) = pair();
        resolver.set_exception("first".to_string()).unwrap();
        assert_eq!(resolver.set_result(2), Err(AlreadySet));
        assert_eq!(
            promise.result(),
            Err(PromiseError::Failed("first".to_string()))
        );
    });
}

#[graded::test]
fn set_wakes_the_waiting_task() {
    guarded("set_wakes_the_waiting_task", || {
        let (resolver, promise) = pair();
        let mut task = tokio_test::task::spawn(promise);
        assert!(task.poll().is_pending(), "no outcome yet: Pending");
        assert!(
            !task.is_woken(),
            "the promise woke its task while nothing had changed: store the waker, do not \
             wake it in `poll` (that is busy-polling)"
        );
        resolver.set_result(7).unwrap();
        assert!(
            task.is_woken(),
            "set_result did not wake the task waiting on the promise: it would wait forever. \
             Store the waker in `poll` (`cx.waker().clone()`) and call `wake()` on it in \
             set_result"
        );
        assert_eq!(task.poll(), Poll::Ready(Ok(7)));
    });
}

#[graded::test]
fn the_latest_waker_is_woken() {
    guarded("the_latest_waker_is_woken", || {
        let (resolver, mut promise) = pair();
        let (first, first_woken) = new_count_waker();
        let (second, second_woken) = new_count_waker();
        assert_eq!(poll_with(&mut promise, &first), Poll::Pending);
        assert_eq!(poll_with(&mut promise, &second), Poll::Pending);
        resolver.set_result(7).unwrap();
        assert_eq!(
            (first_woken.get(), second_woken.get()),
            (0, 1),
            "(wakes of the first waker, of the second) after polls with the first, then the \
             second waker, then set_result: only the waker of the LAST poll may be woken, \
             exactly once; a task that moved has a new waker and the old one is stale. Store \
             the waker at every poll, replacing the old one"
        );
    });
}

#[graded::test]
fn a_dropped_resolver_breaks_the_promise() {
    guarded("a_dropped_resolver_breaks_the_promise", || {
        let (resolver, promise) = pair();
        let mut task = tokio_test::task::spawn(promise);
        assert!(task.poll().is_pending());
        drop(resolver);
        assert!(
            task.is_woken(),
            "the resolver was dropped without an outcome and the waiting task was not woken: it \
             would wait forever. Implement `Drop` for `Resolver`: settle with \
             `Err(PromiseError::Broken)` and wake"
        );
        assert_eq!(
            task.poll(),
            Poll::Ready(Err(PromiseError::Broken)),
            "a promise whose resolver was dropped unset is broken"
        );
        let (resolver, promise) = pair();
        drop(resolver);
        assert!(promise.done(), "a broken promise is done");
        assert_eq!(promise.result(), Err(PromiseError::Broken));
        let (resolver, promise) = pair();
        resolver.set_result(3).unwrap();
        drop(resolver);
        assert_eq!(
            promise.result(),
            Ok(3),
            "dropping the resolver after set_result changes nothing"
        );
    });
}

#[graded::test]
fn resolved_from_another_thread() {
    guarded("resolved_from_another_thread", || {
        let (resolver, promise) = pair();
        let mut task = tokio_test::task::spawn(promise);
        assert!(task.poll().is_pending());
        within(LIMIT, "set_result on another thread", move || {
            thread::spawn(move || resolver.set_result(5))
                .join()
                .expect("set_result panicked")
        })
        .unwrap();
        assert!(
            task.is_woken(),
            "set_result on another thread must wake the task"
        );
        assert_eq!(task.poll(), Poll::Ready(Ok(5)));
        // End to end: a tokio task awaits, a thread sets, a thread drops unset.
        let outcomes = within(
            LIMIT,
            "awaiting promises settled by other threads (a hang: set_result or the resolver's \
             drop does not wake the stored waker)",
            || {
                paused_runtime().block_on(async {
                    let (resolver, promise) = pair();
                    let setter = thread::spawn(move || resolver.set_result(9));
                    let first = promise.await;
                    setter.join().unwrap().unwrap();
                    let (resolver, promise) = pair();
                    thread::spawn(move || drop(resolver));
                    (first, promise.await)
                })
            },
        );
        assert_eq!(outcomes, (Ok(9), Err(PromiseError::Broken)));
    });
}

#[graded::test]
fn awaiting_never_blocks_the_runtime() {
    let beats = within(
        LIMIT,
        "awaiting a promise that another task of the same runtime settles one second later \
         (if `poll` waits for the outcome instead of returning `Pending`, a sleep or a \
         condvar, it blocks the only thread, and the task that would settle it never runs)",
        || {
            paused_runtime().block_on(async {
                let heartbeat = Heartbeat::start(Duration::from_millis(100));
                let (resolver, promise) = pair();
                tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    resolver.set_result(1).unwrap();
                });
                assert_eq!(promise.await, Ok(1));
                heartbeat.beats()
            })
        },
    );
    assert!(
        beats >= 9,
        "the heartbeat beat {beats} times in the second the promise was awaited, expected \
         at least 9: `poll` blocks the runtime's thread; return `Pending` instead"
    );
}

/// A promise that a test and a waker share.
type SharedPromise = Arc<Mutex<Promise<u32, String>>>;

/// A waker that, when woken, does what an executor may do at once: looks at the promise.
struct CuriousWaker {
    promise: Mutex<Option<SharedPromise>>,
    saw_done: AtomicBool,
}

impl Wake for CuriousWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(promise) = self.promise.lock().unwrap().as_ref() {
            let done = promise.lock().unwrap().done();
            self.saw_done.store(done, Ordering::SeqCst);
        }
    }
}

#[graded::test]
fn the_waker_is_called_without_the_lock_held() {
    for how in ["set_result", "dropping the resolver"] {
        let saw_done = within(
            LIMIT,
            &format!(
                "{how}, with a waker that calls promise.done() when woken: it deadlocked, so \
                 the waker was called while the promise's lock was held. Take the waker out \
                 of the state, release the lock (end the guard's scope), then wake"
            ),
            move || {
                let (resolver, promise) = pair();
                let promise = Arc::new(Mutex::new(promise));
                let waker = Arc::new(CuriousWaker {
                    promise: Mutex::new(Some(Arc::clone(&promise))),
                    saw_done: AtomicBool::new(false),
                });
                let as_waker = Waker::from(Arc::clone(&waker));
                let polled = poll_with(&mut promise.lock().unwrap(), &as_waker);
                assert_eq!(polled, Poll::Pending);
                if how == "set_result" {
                    resolver.set_result(1).unwrap();
                } else {
                    drop(resolver);
                }
                // Break the cycle promise -> waker -> promise.
                waker.promise.lock().unwrap().take();
                waker.saw_done.load(Ordering::SeqCst)
            },
        );
        assert!(
            saw_done,
            "{how} woke the waker before the promise was settled (done() was still false \
             in the waker): settle first, then wake"
        );
    }
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
fn no_lost_wake_up_when_set_races_with_poll() {
    let found = within(
        Duration::from_secs(8),
        "racing set_result on one thread with poll on another",
        || {
            stress(
                || {
                    let (resolver, promise) = pair();
                    let set = Arc::new(AtomicBool::new(false));
                    ((resolver, Arc::clone(&set)), (promise, set, false))
                },
                |(resolver, set)| {
                    resolver.set_result(1).unwrap();
                    set.store(true, Ordering::Release);
                },
                |(promise, set, lost)| {
                    // Poll, each time with a new waker (as if the future had moved to
                    // another task), until a poll is ready, or set_result has returned
                    // and the last poll said `Pending`: then its waker must have been
                    // woken (that poll is the last one; nothing else would poll again).
                    for polls in 1.. {
                        let (waker, woken) = new_count_waker();
                        if poll_with(promise, &waker).is_ready() {
                            break;
                        }
                        if set.load(Ordering::Acquire) {
                            *lost = woken.get() == 0;
                            break;
                        }
                        if polls % 1024 == 0 {
                            thread::yield_now();
                        }
                    }
                },
                |(_, _, lost)| lost.then_some(()),
            )
        },
    );
    if let Some((round, ())) = found {
        panic!(
            "a lost wake-up in race {round} of set_result with poll: `poll` returned \
             `Pending` and set_result returned without waking that poll's waker. `poll` must check for the \
             outcome and store its waker in ONE critical section (one lock), and set_result \
             must settle and take the waker under that same lock: otherwise a set_result \
             that slips in between finds no waker"
        );
    }
}
