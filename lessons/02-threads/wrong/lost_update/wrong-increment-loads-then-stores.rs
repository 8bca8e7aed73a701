// Increments with a load followed by a store (`SeqCst` on both, "to be safe"): another
// thread can write between the two, and its increment is overwritten.
//
// expect: failed
// message: increments were lost

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
        let value = self.count.load(Ordering::SeqCst);
        self.count.store(value + 1, Ordering::SeqCst);
    }

    /// The count so far.
    pub fn get(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }
}

/// Replaces the value of `cell` with `f(value)` without losing a concurrent update, and
/// returns the new value.
pub fn update(cell: &AtomicU64, f: impl Fn(u64) -> u64) -> u64 {
    let mut current = cell.load(Ordering::SeqCst);
    loop {
        let new = f(current);
        match cell.compare_exchange(current, new, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => return new,
            Err(actual) => current = actual,
        }
    }
}
