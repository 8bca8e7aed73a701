//! # Parallel sum with `thread::scope`
//!
//! Python's threads cannot speed up a CPU-bound sum: the GIL lets one thread run Python
//! code at a time. Rust has no GIL, so splitting the work over threads makes it faster,
//! on as many cores as you have.
//!
//! Write [`sum_by`]: the sum of `f(x)` for every `x` in `numbers`, computed on
//! `threads` threads at once.
//!
//! - Split `numbers` into `threads` contiguous parts whose lengths differ by at most
//!   one (10 numbers on 4 threads: 3, 3, 2, 2), and sum each part on a thread of its
//!   own, all at the same time. The slowest thread decides when the sum is ready, so
//!   the parts must be balanced: chunks of `len.div_ceil(threads)` are not (10 numbers
//!   on 6 threads would give 2, 2, 2, 2, 2 and leave a thread without work).
//! - Never start a thread without work: with fewer numbers than threads, start one
//!   thread per number; with no numbers, none. `threads == 0` counts as 1.
//! - Neither `numbers` nor `f` is `'static` and neither may be copied: the threads
//!   *borrow* them. `std::thread::spawn` cannot do that (its closure must be
//!   `'static`); `std::thread::scope` can, because the scope joins its threads before it
//!   returns. No `Arc`, no `clone`.
//!
//! ```text
//! sum_by(&[1, 2, 3, 4], 2, |x| x * x) == 30   // (1 + 4) on one thread, (9 + 16) on the other
//! ```
//!
//! The tests call `f` with threads that wait until all the others are running, check
//! how many numbers each thread got, and count the threads `sum_by` starts.

// begin solution
use std::thread;

// starter:
// end solution
/// The sum of `f(x)` over `numbers`, on `threads` scoped threads with balanced parts.
pub fn sum_by<F>(numbers: &[u64], threads: usize, f: F) -> u64
where
    F: Fn(u64) -> u64 + Sync,
{
    // begin solution: split into balanced parts and sum each on a scoped thread
    let parts = threads.max(1).min(numbers.len());
    if parts == 0 {
        return 0;
    }
    // The first `longer` parts get one number more than the others.
    let (base, longer) = (numbers.len() / parts, numbers.len() % parts);
    let f = &f; // each thread's `move` closure copies this reference, not `f`
    thread::scope(|scope| {
        let mut rest = numbers;
        let mut handles = Vec::with_capacity(parts);
        for index in 0..parts {
            let length = if index < longer { base + 1 } else { base };
            let (part, tail) = rest.split_at(length);
            rest = tail;
            handles.push(scope.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>()));
        }
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a summing thread panicked"))
            .sum()
    })
    // end solution
}
