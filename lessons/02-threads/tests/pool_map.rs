//! Exercise `pool_map`: a pool of N threads, `map` in order, at most N at once.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

use lesson_02_threads::pool_map::ThreadPool;
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;
use shared::panics;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience (5 s) and
/// below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

const HANG: &str = "the pool (if `map` hangs: does every item's result reach it? If \
    `drop` hangs: a worker stops only once its `recv` fails, so drop the job sender \
    before you join the workers)";

const FEWER: &str = "the pool ran fewer calls at once than it has workers. Is a worker \
    holding the queue's lock while it runs a job? Lock only to receive the job (`let job = \
    queue.lock().unwrap().recv();`); `while let Ok(job) = queue.lock().unwrap().recv()` keeps \
    the lock for the whole loop body";

#[test]
fn maps_every_item_in_order() {
    let (squares, lengths, nothing) = within(LIMIT, HANG, || {
        let pool = ThreadPool::new(4);
        let squares = pool.map(|x: u64| x * x, 0..50);
        let lengths = pool.map(|text: &str| text.len(), ["a", "bcd", ""]);
        let nothing = pool.map(|x: u64| x, Vec::new());
        (squares, lengths, nothing)
    });
    let expected: Vec<u64> = (0..50).map(|x| x * x).collect();
    assert_eq!(squares, expected, "the squares of 0..50, in order");
    assert_eq!(lengths, [1, 3, 0], "the lengths of \"a\", \"bcd\", \"\"");
    assert_eq!(nothing, Vec::<u64>::new(), "no items, no results");
}

#[test]
fn results_keep_the_order_of_the_items_whatever_order_they_finish_in() {
    // Item 0 finishes last: it waits until item 3 has run, and then a little more.
    let results = within(LIMIT, HANG, || {
        let (done, wait_for_done) = mpsc::channel::<()>();
        let (done, wait_for_done) = (Mutex::new(done), Mutex::new(wait_for_done));
        let pool = ThreadPool::new(2);
        pool.map(
            move |item: u32| {
                match item {
                    0 => {
                        wait_for_done
                            .lock()
                            .unwrap()
                            .recv_timeout(Duration::from_secs(5))
                            .expect(
                                "item 3 never ran while item 0 was running: a pool of 2 \
                                 workers must run two items at the same time",
                            );
                        thread::sleep(Duration::from_millis(100));
                    }
                    3 => done.lock().unwrap().send(()).unwrap(),
                    _ => {}
                }
                format!("item {item}")
            },
            0..4,
        )
    });
    assert_eq!(
        results,
        ["item 0", "item 1", "item 2", "item 3"],
        "item 0 finished last, but its result must still come first: put every result at \
         the index of its item, not in the order the results arrive"
    );
}

#[test]
fn runs_as_many_calls_at_once_as_it_has_workers() {
    // The first 4 calls wait until all 4 are running.
    let rendezvous = Rendezvous::new(4);
    let met = rendezvous.clone();
    let results = within(LIMIT, HANG, move || {
        let pool = ThreadPool::new(4);
        pool.map(
            move |item: u32| {
                met.wait_or_explain(FEWER);
                item
            },
            0..8,
        )
    });
    assert_eq!(results, (0..8).collect::<Vec<_>>(), "the items, in order");
    assert_eq!(rendezvous.arrived(), 8, "f runs once per item");
}

#[test]
fn never_runs_more_calls_at_once_than_it_has_workers() {
    let gauge = HighWater::new();
    let inside = gauge.clone();
    let results = within(LIMIT, HANG, move || {
        let pool = ThreadPool::new(3);
        pool.map(
            move |item: u32| {
                let _busy = inside.enter();
                thread::sleep(Duration::from_millis(5)); // some work
                item * 2
            },
            0..24,
        )
    });
    assert_eq!(
        results,
        (0..24).map(|x| x * 2).collect::<Vec<_>>(),
        "twice every item, in the order of the items"
    );
    gauge.assert_at_most(
        3,
        "a pool of 3 workers ran more than 3 calls of f at once: run the calls on the \
         pool's workers only, not on a new thread per item",
    );
}

#[test]
fn reuses_the_same_workers_for_every_map() {
    let (caller, threads) = within(LIMIT, HANG, || {
        let pool = ThreadPool::new(3);
        let mut threads = pool.map(|_: u32| thread::current().id(), 0..12);
        threads.extend(pool.map(|_: u32| thread::current().id(), 0..12));
        (thread::current().id(), threads)
    });
    let threads: HashSet<ThreadId> = threads.into_iter().collect();
    assert!(
        !threads.contains(&caller),
        "f ran on the thread that called map: run every call on the pool's workers"
    );
    assert!(
        threads.len() <= 3,
        "two maps on a pool of 3 workers called f on {} different threads: start the \
         workers once, in `new`, and let every `map` hand its jobs to them (no \
         `thread::spawn` or `thread::scope` in `map`)",
        threads.len()
    );
}

#[test]
fn a_panic_in_f_reaches_the_caller_and_the_pool_survives() {
    let (message, after) = within(
        LIMIT,
        "the pool, with an item whose f panics (if `map` hangs: a job that panics never \
         sends its result, unless it catches the panic with `std::panic::catch_unwind`; if \
         `drop` hangs: drop the job sender before you join the workers)",
        || {
            let pool = ThreadPool::new(2);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                pool.map(
                    |item: u32| {
                        if item == 3 {
                            panic!("bad item {item}");
                        }
                        item
                    },
                    0..6,
                )
            }));
            let message = match outcome {
                Ok(results) => Err(results),
                Err(payload) if panics::message(payload.as_ref()).starts_with("not yet") => {
                    resume_unwind(payload)
                }
                Err(payload) => Ok(panics::message(payload.as_ref())),
            };
            // Both workers must still be there: two calls meet.
            let rendezvous = Rendezvous::new(2);
            let after = pool.map(
                move |item: u32| {
                    rendezvous.wait_or_explain(
                        "after a call of f panicked, the pool of 2 ran fewer than 2 calls \
                         at once: did the panic kill a worker? Catch it in the job \
                         (`std::panic::catch_unwind`)",
                    );
                    item
                },
                0..2,
            );
            (message, after)
        },
    );
    match message {
        Err(results) => {
            panic!("f panicked for item 3, so map must panic too; it returned {results:?}")
        }
        Ok(message) => assert_eq!(
            message, "bad item 3",
            "map must re-raise f's panic with f's own message: send the `Err` payload of \
             `catch_unwind` back to map, and `std::panic::resume_unwind` it there"
        ),
    }
    assert_eq!(
        after,
        [0, 1],
        "the pool works after a panic, results in order"
    );
}

thread_local! {
    /// Set on a worker by the tests' `f`; dropped when that worker's thread exits.
    static ON_EXIT: RefCell<Option<CountOnDrop>> = const { RefCell::new(None) };
}

/// Counts the worker threads that have exited. A thread's thread-locals are dropped as
/// it exits, and joining the thread waits for that.
struct CountOnDrop(Arc<AtomicUsize>);

impl Drop for CountOnDrop {
    fn drop(&mut self) {
        // Exiting takes a moment, so that a pool that does not join returns first.
        thread::sleep(Duration::from_millis(100));
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn dropping_the_pool_stops_and_joins_the_workers() {
    let exited = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&exited);
    let exited_before_drop = within(LIMIT, HANG, move || {
        let pool = ThreadPool::new(3);
        // Every worker runs one call (they meet), and notes that it exists.
        let rendezvous = Rendezvous::new(3);
        let watched = Arc::clone(&counter);
        pool.map(
            move |_: u32| {
                let on_exit = CountOnDrop(Arc::clone(&watched));
                ON_EXIT.with(|slot| *slot.borrow_mut() = Some(on_exit));
                rendezvous.wait_or_explain(FEWER);
            },
            0..3,
        );
        let before = counter.load(Ordering::SeqCst);
        drop(pool);
        before
    });
    assert_eq!(
        exited_before_drop, 0,
        "the workers stopped before the pool was dropped: they must keep waiting for jobs \
         while the pool lives"
    );
    assert_eq!(
        exited.load(Ordering::SeqCst),
        3,
        "some of the 3 workers were still running after the pool was dropped: `drop` \
         must close the job channel (drop its sender) and then join every worker"
    );
}
