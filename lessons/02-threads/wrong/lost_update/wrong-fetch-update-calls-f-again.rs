// Uses `fetch_update`, which returns the previous value, and calls `f` once more on
// it to return the new one: `f` need not give the same result twice.
//
// expect: failed
// message: return the value you stored

use std::sync::atomic::{AtomicU64, Ordering};

/// A counter shared by threads (`&Counter` is enough to increment it).
#[derive(Debug, Default)]
pub struct Counter {
    count: AtomicU64,
}

impl Counter {
    /// A counter at zero.
    pub fn new() -> Counter {
        Counter {
            count: AtomicU64::new(0),
        }
    }

    /// Adds one; never loses an increment, whatever the other threads do.
    pub fn increment(&self) {
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    /// The count so far.
    pub fn get(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// Replaces the value of `cell` with `f(value)` without losing a concurrent update, and
/// returns the new value.
pub fn update(cell: &AtomicU64, f: impl Fn(u64) -> u64) -> u64 {
    let previous = cell
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| Some(f(v)))
        .expect("the closure always returns Some");
    f(previous)
}
