//! Exercise `lost_update`: no increment and no update may be lost.

use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use lesson_02_threads::lost_update::{Counter, update};
use pretty_assertions::assert_eq;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience and below the
/// runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

/// How long two calls of `f` wait for each other: they start at the same moment.
const PATIENCE: Duration = Duration::from_millis(500);

/// The counter test: `THREADS` threads × `INCREMENTS` increments. Long enough that the
/// threads overlap (on several cores, or preempted on one) many times.
const THREADS: u64 = 4;
const INCREMENTS: u64 = 1_000_000;
/// The same for `update`, on 4 threads.
const UPDATES: u64 = 200_000;

#[graded::test]
fn a_new_counter_counts_from_zero() {
    let counter = Counter::new();
    assert_eq!(counter.get(), 0, "a new counter is at zero");
    for _ in 0..3 {
        counter.increment();
    }
    assert_eq!(counter.get(), 3, "three increments on one thread");
}

#[graded::test]
fn many_threads_lose_no_increment() {
    let count = within(LIMIT, "incrementing from 4 threads", || {
        let counter = Counter::new();
        // All threads start incrementing at the same moment.
        let start = Barrier::new(THREADS as usize);
        thread::scope(|scope| {
            for _ in 0..THREADS {
                scope.spawn(|| {
                    start.wait();
                    for _ in 0..INCREMENTS {
                        counter.increment();
                    }
                });
            }
        });
        counter.get()
    });
    let expected = THREADS * INCREMENTS;
    assert!(
        count == expected,
        "{THREADS} threads × {INCREMENTS} increments gave {count}, expected {expected}: {} \
         increments were lost. A load followed by a store is two steps, and another thread \
         can write in between: use one atomic read-modify-write (`fetch_add`), or hold a \
         `Mutex` across the whole increment",
        expected.saturating_sub(count)
    );
}

#[graded::test]
fn update_stores_and_returns_the_new_value() {
    const NEW: &str = "update returns the new value, f(value), the one it stored (not the \
        previous value, which `compare_exchange` and `fetch_update` return)";
    let cell = AtomicU64::new(5);
    assert_eq!(update(&cell, |v| v * 2), 10, "update(5, |v| v * 2): {NEW}");
    assert_eq!(
        cell.load(Ordering::SeqCst),
        10,
        "the cell holds the new value"
    );
    assert_eq!(
        update(&cell, |v| v.max(7)),
        10,
        "update(10, |v| v.max(7)): {NEW}"
    );
    assert_eq!(update(&cell, |v| v - 3), 7, "update(10, |v| v - 3): {NEW}");
    assert_eq!(cell.load(Ordering::SeqCst), 7);
}

#[graded::test]
fn update_returns_the_value_it_stored() {
    // An `f` that gives another result each time it is called.
    let calls = AtomicU64::new(0);
    let cell = AtomicU64::new(100);
    let returned = update(&cell, |v| v + 1 + 10 * calls.fetch_add(1, Ordering::SeqCst));
    let stored = cell.load(Ordering::SeqCst);
    assert!(
        returned == stored,
        "update stored {stored} but returned {returned}: return the value you stored (the \
         `new` of the compare-and-swap that succeeded). Calling `f` once more to compute it \
         may give another value: here `f` gives a different result on every call"
    );
}

#[graded::test]
fn a_concurrent_update_is_never_lost() {
    // Both threads are inside `f` at the same time, with the same value 1: they meet
    // there. Then one of them stores first, and the other must notice that the cell
    // changed and apply its `f` again, to the new value.
    let final_value = within(LIMIT, "two concurrent updates", || {
        let cell = AtomicU64::new(1);
        let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
        // `f` waits for the other thread only the first time it is called.
        let meet_once = || {
            let waited = AtomicBool::new(false);
            let rendezvous = rendezvous.clone();
            move || {
                if !waited.swap(true, Ordering::SeqCst) {
                    rendezvous.wait_or_explain(
                        "two threads could not run `f` at the same time. `update` must not \
                         lock anything: while one thread computes `f`, others must be free \
                         to read the cell and compute too",
                    );
                }
            }
        };
        let (plus_meet, times_meet) = (meet_once(), meet_once());
        thread::scope(|scope| {
            scope.spawn(|| {
                update(&cell, |v| {
                    plus_meet();
                    v + 1
                })
            });
            scope.spawn(|| {
                update(&cell, |v| {
                    times_meet();
                    v * 10
                })
            });
        });
        cell.load(Ordering::SeqCst)
    });
    assert!(
        final_value == 20 || final_value == 11,
        "from 1, `+ 1` and `* 10` give (1 + 1) * 10 = 20 or 1 * 10 + 1 = 11, but the cell \
         holds {final_value}: one update was lost. Both threads read 1 and computed from \
         it, and the second one's result was either stored over the first one's or \
         dropped. Store only if the cell still holds the value you read \
         (`compare_exchange`); when it does not, compute again from the value it holds now \
         and try again, in a loop, until your store succeeds"
    );
}

#[graded::test]
fn many_threads_updating_lose_nothing() {
    let total = within(LIMIT, "updating from 4 threads", || {
        let cell = AtomicU64::new(0);
        let start = Barrier::new(4);
        thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    start.wait();
                    for _ in 0..UPDATES {
                        update(&cell, |v| v + 1);
                    }
                });
            }
        });
        cell.load(Ordering::SeqCst)
    });
    assert!(
        total == 4 * UPDATES,
        "4 threads × {UPDATES} updates `v + 1` gave {total}, expected {}: updates were lost \
         (store only if the cell still holds the value you read, and retry otherwise)",
        4 * UPDATES
    );
}
