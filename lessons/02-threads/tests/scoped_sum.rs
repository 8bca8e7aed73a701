//! Exercise `scoped_sum`: a parallel sum on scoped threads, with balanced parts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::thread::{self, ThreadId};
use std::time::Duration;

use lesson_02_threads::scoped_sum::sum_by;
use pretty_assertions::assert_eq;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience and below the
/// runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(5);

/// How long the summing threads wait for each other: starting them takes microseconds.
const PATIENCE: Duration = Duration::from_millis(500);

/// `sum_by(numbers, threads, f)` under a watchdog.
fn sum(numbers: Vec<u64>, threads: usize, f: fn(u64) -> u64) -> u64 {
    within(LIMIT, "sum_by", move || sum_by(&numbers, threads, f))
}

/// Sums `0..len` on `threads` threads and returns, for every thread that called `f`, the
/// numbers it got, sorted.
fn parts(len: u64, threads: usize) -> Vec<Vec<u64>> {
    within(LIMIT, "sum_by", move || {
        let numbers: Vec<u64> = (0..len).collect();
        let seen: Mutex<HashMap<ThreadId, Vec<u64>>> = Mutex::default();
        let total = sum_by(&numbers, threads, |x| {
            let mut seen = seen.lock().unwrap();
            seen.entry(thread::current().id()).or_default().push(x);
            x
        });
        assert_eq!(
            total,
            len * len.saturating_sub(1) / 2,
            "the sum of 0..{len}"
        );
        let seen = seen.into_inner().unwrap();
        let caller = thread::current().id();
        assert!(
            !seen.contains_key(&caller),
            "the thread that called sum_by summed a part itself: sum every part on a \
             scoped thread of its own (`scope.spawn`)"
        );
        let mut parts: Vec<Vec<u64>> = seen.into_values().collect();
        for part in &mut parts {
            part.sort_unstable();
        }
        parts.sort_unstable_by_key(|part| (std::cmp::Reverse(part.len()), part[0]));
        parts
    })
}

#[graded::test]
fn sums_every_number() {
    let numbers: Vec<u64> = (1..=100).collect();
    assert_eq!(sum(numbers.clone(), 4, |x| x), 5050, "1 + 2 + … + 100");
    assert_eq!(
        sum(numbers.clone(), 3, |x| x * x),
        338_350,
        "1² + 2² + … + 100²"
    );
    assert_eq!(sum(numbers.clone(), 1, |x| x), 5050, "on one thread");
    assert_eq!(sum(numbers, 0, |x| x), 5050, "`threads == 0` counts as 1");
    assert_eq!(sum(vec![1, 2, 3, 4], 2, |x| x * x), 30);
}

#[graded::test]
fn nothing_to_sum_is_zero() {
    assert_eq!(
        sum(Vec::new(), 4, |_| panic!(
            "there is no number to call `f` with"
        )),
        0
    );
}

#[graded::test]
fn one_balanced_part_per_thread() {
    for (len, threads, expected) in [
        (10, 4, vec![3, 3, 2, 2]),
        (10, 6, vec![2, 2, 2, 2, 1, 1]),
        (12, 3, vec![4, 4, 4]),
        (3, 8, vec![1, 1, 1]),
        (7, 1, vec![7]),
    ] {
        let parts = parts(len, threads);
        let lengths: Vec<usize> = parts.iter().map(Vec::len).collect();
        let what = format!(
            "{len} numbers on {threads} threads: the threads got {lengths:?} numbers, \
             expected {expected:?} (sorted; the order of the parts does not matter)"
        );
        assert!(
            lengths.len() >= expected.len(),
            "{what}: only {} threads got numbers to sum, so some sat idle while the others \
             did their share. Parts of `len.div_ceil(threads)` numbers do that: give the \
             first `len % parts` parts `len / parts + 1` numbers and the others `len / parts`",
            lengths.len()
        );
        assert!(
            lengths.len() <= expected.len(),
            "{what}: more threads than asked for summed numbers"
        );
        assert!(
            lengths == expected,
            "{what}: the parts are unbalanced, and the longest one decides when the sum is \
             ready. Their lengths may differ by at most one: give the first `len % parts` \
             parts `len / parts + 1` numbers and the others `len / parts` (a last part that \
             takes the remainder, or parts of `len.div_ceil(threads)`, are not balanced)"
        );
        for part in parts {
            assert!(
                part.windows(2).all(|pair| pair[1] == pair[0] + 1),
                "{len} numbers on {threads} threads: a thread got {part:?}, which is not a \
                 contiguous part of the slice (split it with `split_at` or `chunks`)"
            );
        }
    }
}

#[graded::test]
fn never_starts_a_thread_without_work() {
    for (len, threads, expected) in [(3, 8, 3), (1, 4, 1), (0, 4, 0), (0, 0, 0)] {
        let (started, total) = within(LIMIT, "sum_by", move || {
            let numbers: Vec<u64> = (1..=len).collect();
            shared::threads::started(expected, || sum_by(&numbers, threads, |x| x))
        });
        assert_eq!(total, len * (len + 1) / 2, "the sum of 1..={len}");
        assert!(
            started <= expected,
            "sum_by of {len} numbers on {threads} threads started {started} thread(s), \
             expected {expected}: {} of them had no number to sum. Never start a thread \
             without work: with fewer numbers than threads, start one thread per number, \
             and with no numbers, none (`threads.max(1).min(numbers.len())` parts)",
            started - expected
        );
        assert!(
            started >= expected,
            "sum_by of {len} numbers on {threads} threads started {started} thread(s), \
             expected {expected}: sum every part on a scoped thread of its own"
        );
    }
}

#[graded::test]
fn every_part_runs_at_the_same_time() {
    // The first time a thread calls `f`, it waits until all 4 threads have called it.
    let total = within(LIMIT, "sum_by", || {
        let numbers: Vec<u64> = (1..=400).collect();
        let rendezvous = Rendezvous::with_timeout(4, PATIENCE);
        let met: Mutex<Vec<ThreadId>> = Mutex::default();
        sum_by(&numbers, 4, |x| {
            let me = thread::current().id();
            let first_call = {
                let mut met = met.lock().unwrap();
                let first_call = !met.contains(&me);
                met.push(me);
                first_call
            };
            if first_call {
                rendezvous.wait_or_explain(
                    "the parts were summed one after another. Spawn every part's thread \
                     before you join any of them (`join` waits until its thread is done)",
                );
            }
            x
        })
    });
    assert_eq!(total, 80_200, "1 + 2 + … + 400");
}
