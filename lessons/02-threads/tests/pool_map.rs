//! Exercise `pool_map`: a pool of N threads, `map` in order, at most N at once.
//!
//! Only the tests about dropping the pool drop it: the others leak it
//! (`std::mem::forget`), so that a `Drop` that hangs fails those tests, with a message
//! about `Drop`, and nothing else.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::resume_unwind;
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

use shared::panics::{catch_quietly, panic_on_purpose};

/// Far above what a correct solution needs (milliseconds), above the calls' patience
/// and below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(3);

/// How long calls of `f` that must run at the same time wait for each other: the
/// workers are running already, and only have to take the jobs (microseconds).
const PATIENCE: Duration = Duration::from_millis(500);

/// How long the last item works while another one panics: a `map` that waits for the
/// other items waits that long, one that does not re-raises long before.
const WORKS: Duration = Duration::from_millis(300);

const HANG: &str = "the pool's `map` (does every item's result reach it? `map` must \
    receive exactly as many results as it sent jobs)";

const IN_ORDER: &str = "put every result at the index of its item, not in the order the \
    results arrive";

/// Why fewer calls of `f` ran at once than the pool has workers, from what the test saw:
/// how many calls met, and how many items `map` had taken from the iterator by then.
fn fewer_at_once(met: usize, workers: usize, taken: usize) -> String {
    if met > 1 {
        format!(
            "only {met} calls of f ran at once on a pool of {workers} workers: does `new` \
             start all `workers` threads?"
        )
    } else if taken <= 1 {
        "the calls of f ran one at a time: `map` sent one job and waited for its result \
         before it took the next item. Send a job for every item first, then collect the \
         results"
            .to_string()
    } else {
        format!(
            "the calls of f ran one at a time, although `map` had sent {taken} jobs: is a \
             worker holding the queue's lock while it runs a job? Lock only to receive the \
             job (`let job = queue.lock().unwrap().recv();`, a statement of its own); \
             `while let Ok(job) = queue.lock().unwrap().recv()` keeps the lock for the \
             whole loop body"
        )
    }
}

/// A rendezvous of `workers` calls of `f` that explains, when they do not meet, why.
#[derive(Clone)]
struct Meeting {
    rendezvous: Rendezvous,
    workers: usize,
    /// How many items `map` has taken from the iterator.
    taken: Arc<AtomicUsize>,
}

impl Meeting {
    fn new(workers: usize) -> Meeting {
        Meeting {
            rendezvous: Rendezvous::with_timeout(workers, PATIENCE),
            workers,
            taken: Arc::default(),
        }
    }

    /// `items`, counted as `map` takes them.
    fn items(&self, items: std::ops::Range<u32>) -> impl Iterator<Item = u32> + use<> {
        let taken = Arc::clone(&self.taken);
        items.inspect(move |_| {
            taken.fetch_add(1, Ordering::SeqCst);
        })
    }

    /// Waits until `workers` calls are here; panics with the likely mistake if they do
    /// not come.
    fn wait(&self) {
        if let Err(payload) = catch_quietly(|| self.rendezvous.wait()) {
            panic!(
                "{}: {}",
                panics::message(payload.as_ref()),
                fewer_at_once(
                    self.rendezvous.arrived(),
                    self.workers,
                    self.taken.load(Ordering::SeqCst)
                )
            );
        }
    }
}

#[graded::test]
fn maps_every_item_in_order() {
    let (squares, lengths, nothing) = within(LIMIT, HANG, || {
        let pool = ThreadPool::new(4);
        let squares = pool.map(|x: u64| x * x, 0..50);
        let lengths = pool.map(|text: &str| text.len(), ["a", "bcd", ""]);
        let nothing = pool.map(|x: u64| x, Vec::new());
        std::mem::forget(pool);
        (squares, lengths, nothing)
    });
    let expected: Vec<u64> = (0..50).map(|x| x * x).collect();
    assert_eq!(
        squares, expected,
        "the squares of 0..50, in the order of the items: {IN_ORDER}"
    );
    assert_eq!(
        lengths,
        [1, 3, 0],
        "the lengths of \"a\", \"bcd\", \"\", in the order of the items: {IN_ORDER}"
    );
    assert_eq!(nothing, Vec::<u64>::new(), "no items, no results");
}

#[graded::test]
fn runs_as_many_calls_at_once_as_it_has_workers() {
    // The first 4 calls wait until all 4 are running.
    let meeting = Meeting::new(4);
    let met = meeting.clone();
    let results = within(LIMIT, HANG, move || {
        let pool = ThreadPool::new(4);
        let items = met.items(0..8);
        let results = pool.map(
            move |item: u32| {
                met.wait();
                item
            },
            items,
        );
        std::mem::forget(pool);
        results
    });
    assert_eq!(
        results,
        (0..8).collect::<Vec<_>>(),
        "the items, in order: {IN_ORDER}"
    );
    assert_eq!(meeting.rendezvous.arrived(), 8, "f runs once per item");
}

#[graded::test]
fn starts_its_workers_once_in_new() {
    let (in_new, (in_maps, (caller, threads))) = within(LIMIT, HANG, || {
        let (in_new, ()) = shared::threads::started(3, || std::mem::forget(ThreadPool::new(3)));
        let pool = ThreadPool::new(3);
        let in_maps = shared::threads::started(0, || {
            let mut threads = pool.map(|_: u32| thread::current().id(), 0..12);
            threads.extend(pool.map(|_: u32| thread::current().id(), 0..12));
            (thread::current().id(), threads)
        });
        std::mem::forget(pool);
        (in_new, in_maps)
    });
    let threads: HashSet<ThreadId> = threads.into_iter().collect();
    assert!(
        !threads.contains(&caller),
        "f ran on the thread that called map: run every call on the pool's workers"
    );
    assert!(
        in_new == 3,
        "ThreadPool::new(3) started {in_new} thread(s): a pool of 3 starts its 3 workers \
         once, in `new`, and every `map` hands its jobs to them"
    );
    assert!(
        in_maps == 0 && threads.len() <= 3,
        "two maps on a pool of 3 workers started {in_maps} thread(s) and called f on {} \
         thread(s): a pool of 3 starts its 3 workers once, in `new`, and every \
         `map` hands its jobs to them (no `thread::spawn` or `thread::scope` in `map`)",
        threads.len()
    );
}

#[graded::test]
fn never_runs_more_calls_at_once_than_it_has_workers() {
    let gauge = HighWater::new();
    let inside = gauge.clone();
    let results = within(LIMIT, HANG, move || {
        let pool = ThreadPool::new(3);
        let results = pool.map(
            move |item: u32| {
                let _busy = inside.enter();
                thread::sleep(Duration::from_millis(5)); // some work
                item * 2
            },
            0..24,
        );
        std::mem::forget(pool);
        results
    });
    assert_eq!(
        results,
        (0..24).map(|x| x * 2).collect::<Vec<_>>(),
        "twice every item, in the order of the items: {IN_ORDER}"
    );
    gauge.assert_at_most(
        3,
        "a pool of 3 workers ran more than 3 calls of f at once: run the calls on the \
         pool's workers only, not on a new thread per item",
    );
}

#[graded::test]
fn results_keep_the_order_of_the_items_whatever_order_they_finish_in() {
    // Item 0 finishes after item 1: it waits until item 3 has run, and the other of the 2
    // workers runs items 1, 2 and 3 one after another.
    let results = within(LIMIT, HANG, || {
        let (done, wait_for_done) = mpsc::channel::<()>();
        let (done, wait_for_done) = (Mutex::new(done), Mutex::new(wait_for_done));
        let pool = ThreadPool::new(2);
        let results = pool.map(
            move |item: u32| {
                match item {
                    0 => {
                        wait_for_done.lock().unwrap().recv_timeout(PATIENCE).expect(
                            "item 3 never ran while item 0 was running: a pool of 2 \
                                 workers must run two items at the same time",
                        );
                    }
                    3 => done.lock().unwrap().send(()).unwrap(),
                    _ => {}
                }
                format!("item {item}")
            },
            0..4,
        );
        std::mem::forget(pool);
        results
    });
    assert_eq!(
        results,
        ["item 0", "item 1", "item 2", "item 3"],
        "item 0 finished after item 1, but its result must still come first: {IN_ORDER}"
    );
}

#[graded::test]
fn a_panic_in_f_reaches_the_caller_once_the_other_items_are_done() {
    let (outcome, others_done) = within(
        LIMIT,
        "the pool's `map`, with an item whose f panics (if it hangs: a job that panics \
         never sends its result, unless it catches the panic with \
         `std::panic::catch_unwind`)",
        || {
            let pool = ThreadPool::new(2);
            let done = Arc::new(AtomicUsize::new(0));
            let in_f = Arc::clone(&done);
            let (caller_saw_it, wait_for_the_caller) = mpsc::channel::<()>();
            let wait_for_the_caller = Mutex::new(wait_for_the_caller);
            let outcome = catch_quietly(|| {
                pool.map(
                    move |item: u32| {
                        match item {
                            3 => panic_on_purpose(format!("bad item {item}")),
                            // The last item works until the caller has seen the panic,
                            // or for WORKS.
                            5 => {
                                let _ = wait_for_the_caller.lock().unwrap().recv_timeout(WORKS);
                            }
                            _ => {}
                        }
                        in_f.fetch_add(1, Ordering::SeqCst);
                        item
                    },
                    0..6,
                )
            });
            let others_done = done.load(Ordering::SeqCst);
            let _ = caller_saw_it.send(());
            std::mem::forget(pool);
            let outcome = match outcome {
                Ok(results) => Err(results),
                Err(payload) if panics::message(payload.as_ref()).starts_with("not yet") => {
                    resume_unwind(payload)
                }
                Err(payload) => Ok(panics::message(payload.as_ref())),
            };
            (outcome, others_done)
        },
    );
    match outcome {
        Err(results) => {
            panic!("f panicked for item 3, so map must panic too; it returned {results:?}")
        }
        Ok(message) => assert!(
            message == "bad item 3",
            "f panicked with \"bad item 3\", and map panicked with {message:?}: catch the \
             panic in the job (`std::panic::catch_unwind`), send its `Err` payload back to \
             map like any result, and `std::panic::resume_unwind` it there (a job that \
             panics without catching it never sends its result, and kills its worker)"
        ),
    }
    assert!(
        others_done == 5,
        "map panicked while item 5 was still running ({others_done} of the 5 other items \
         were done): collect every result first, and re-raise the panic once the other \
         items are done"
    );
}

#[graded::test]
fn the_pool_keeps_its_workers_after_a_panic() {
    let after = within(
        LIMIT,
        "the pool's `map`, after an item whose f panicked (if it hangs: a job that \
         panics never sends its result, unless it catches the panic with \
         `std::panic::catch_unwind`)",
        || {
            let pool = ThreadPool::new(2);
            let _ = catch_quietly(|| {
                pool.map(
                    |item: u32| {
                        if item == 1 {
                            panic_on_purpose("bad item 1");
                        }
                        item
                    },
                    0..4,
                )
            });
            // Both workers must still be there: two calls meet.
            let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
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
            std::mem::forget(pool);
            after
        },
    );
    assert_eq!(
        after,
        [0, 1],
        "the pool works after a panic, results in order: {IN_ORDER}"
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

const DROP_HANGS: &str = "dropping the pool (if it hangs: a worker stops only once its \
    `recv` fails, so drop the job sender first, then join the workers; joining first \
    waits forever, the workers waiting for jobs)";

/// Far above what dropping a pool needs (its workers only have to see the channel
/// closed), and above the calls' patience.
const DROP_LIMIT: Duration = Duration::from_secs(1);

#[graded::test]
fn dropping_a_pool_returns() {
    within(DROP_LIMIT, DROP_HANGS, || {
        drop(ThreadPool::new(3));
        let pool = ThreadPool::new(2);
        pool.map(|x: u32| x + 1, 0..4);
        drop(pool);
    });
}

#[graded::test]
fn dropping_the_pool_stops_and_joins_the_workers() {
    let exited = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&exited);
    let exited_before_drop = within(DROP_LIMIT, DROP_HANGS, move || {
        let pool = ThreadPool::new(3);
        // Every worker runs one call (they meet), and notes that it exists.
        let meeting = Meeting::new(3);
        let items = meeting.items(0..3);
        let watched = Arc::clone(&counter);
        pool.map(
            move |_: u32| {
                let on_exit = CountOnDrop(Arc::clone(&watched));
                ON_EXIT.with(|slot| *slot.borrow_mut() = Some(on_exit));
                meeting.wait();
            },
            items,
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
