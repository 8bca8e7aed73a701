// Counts under a `Mutex` held across the whole increment, and updates with
// `fetch_update` (the compare-and-swap loop ready-made), remembering what the closure
// returned instead of calling `f` again.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A counter shared by threads (`&Counter` is enough to increment it).
#[derive(Debug, Default)]
pub struct Counter {
    count: Mutex<u64>,
}

impl Counter {
    /// A counter at zero.
    pub fn new() -> Counter {
        Counter::default()
    }

    /// Adds one; never loses an increment, whatever the other threads do.
    pub fn increment(&self) {
        *self.count.lock().unwrap() += 1;
    }

    /// The count so far.
    pub fn get(&self) -> u64 {
        *self.count.lock().unwrap()
    }
}

/// Replaces the value of `cell` with `f(value)` without losing a concurrent update, and
/// returns the new value.
pub fn update(cell: &AtomicU64, f: impl Fn(u64) -> u64) -> u64 {
    let mut new = 0;
    cell.fetch_update(Ordering::AcqRel, Ordering::Acquire, |v| {
        new = f(v);
        Some(new)
    })
    .expect("the closure always returns Some");
    new
}
