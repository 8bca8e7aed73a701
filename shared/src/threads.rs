//! How many threads a call starts, without any help from the code under test.
//!
//! The standard library numbers threads in the order they are created (`ThreadId`s
//! count up from 1, scoped threads included), so the number of threads a call started is
//! the difference between the ids of two probe threads, one started just before the call
//! and one just after, minus one. Threads other tests start at the same time (under a
//! plain `cargo test`, which runs the tests of a binary side by side) can only add to
//! that difference, so the call is run again while it seems to start more threads than
//! expected, and the smallest count is the answer. (The runner runs every test in a
//! process of its own: there, the first run is exact.)
//!
//! ```
//! let (started, sum) = shared::threads::started(2, || {
//!     std::thread::scope(|s| {
//!         let a = s.spawn(|| 1);
//!         let b = s.spawn(|| 2);
//!         a.join().unwrap() + b.join().unwrap()
//!     })
//! });
//! assert_eq!((started, sum), (2, 3));
//! ```

use std::thread;

/// How many times [`started`] runs the call at most.
const RUNS: usize = 20;

/// The number the next thread created will get.
fn next_thread_number() -> u64 {
    let probe = thread::spawn(|| ());
    let id = probe.thread().id();
    probe.join().expect("an empty thread does not panic");
    let text = format!("{id:?}");
    text.trim_start_matches("ThreadId(")
        .trim_end_matches(')')
        .parse()
        .unwrap_or_else(|_| panic!("a ThreadId prints as `ThreadId(N)`, not {text}"))
}

/// How many threads `call` starts (the fewest of its runs), and its last result. The
/// call runs again while it starts more than `expected` threads, at most `RUNS` times.
pub fn started<R>(expected: usize, mut call: impl FnMut() -> R) -> (usize, R) {
    let mut fewest = usize::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let before = next_thread_number();
        let result = call();
        let after = next_thread_number();
        fewest = fewest.min((after - before - 1) as usize);
        last = Some(result);
        if fewest <= expected {
            break;
        }
    }
    (fewest, last.expect("at least one run"))
}
