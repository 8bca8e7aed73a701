// Keeps the count in a `Mutex`, but reads it under one guard and writes it under
// another: the lock is released in between, and increments are lost as with a load and
// a store.
//
// expect: failed
// message: increments were lost

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
        let value = *self.count.lock().unwrap();
        *self.count.lock().unwrap() = value + 1;
    }

    /// The count so far.
    pub fn get(&self) -> u64 {
        *self.count.lock().unwrap()
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
