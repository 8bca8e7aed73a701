//! # Lost updates: a counter shared by threads
//!
//! > knock knock. race condition. who's there?
//!
//! Safe Rust has no *data* races: a plain `u64` cannot be changed by two threads at once
//! (`&mut` is exclusive, and `Cell`/`RefCell` are not `Sync`, so sharing them between
//! threads does not compile). What still compiles are *logic* races: every single step is
//! atomic, but a sequence of steps is not.
//!
//! ```text
//! let value = counter.load(SeqCst);   // thread 1 reads 41 ... thread 2 reads 41
//! counter.store(value + 1, SeqCst);   // thread 1 writes 42 ... thread 2 writes 42
//! ```
//!
//! Two increments, and the counter grew by one: an update was lost.
//!
//! 1. Write [`Counter`], a counter any number of threads can increment at once without
//!    losing an update: many threads × many increments give the exact total.
//! 2. Write [`update`]: replace the value of `cell` with `f(value)` atomically and
//!    return the new value. `f` can be anything (`|v| v * 2`, `|v| v.max(10)`), so
//!    there is no `fetch_*` for it: read the value, compute `f(value)`, and store the
//!    result only if the cell still holds the value you read; if another thread changed
//!    it meanwhile, start again from the fresh value. Do not lock anything: other
//!    threads must be able to call `update` while `f` runs. (So `f` may run more than
//!    once per `update`.) Return the value you stored, not the result of one more call
//!    of `f`: `f` need not give the same result twice.
//!
//! ```text
//! let counter = Counter::new();
//! thread::scope(|s| for _ in 0..8 { s.spawn(|| for _ in 0..1000 { counter.increment() }); });
//! counter.get() == 8000
//!
//! let cell = AtomicU64::new(5);
//! update(&cell, |v| v * 2) == 10   // and cell holds 10
//! ```
//!
//! A test makes two threads call `f` at the same moment, so a load followed by a store
//! loses an update every time, not just once in a while.

use std::sync::atomic::AtomicU64;

/// A counter shared by threads (`&Counter` is enough to increment it).
#[derive(Debug, Default)]
pub struct Counter {
    // The fields you need.
}

impl Counter {
    /// A counter at zero.
    pub fn new() -> Counter {
        todo!("a counter at zero")
    }

    /// Adds one; never loses an increment, whatever the other threads do.
    pub fn increment(&self) {
        todo!("add one atomically")
    }

    /// The count so far.
    pub fn get(&self) -> u64 {
        todo!("read the count")
    }
}

/// Replaces the value of `cell` with `f(value)` without losing a concurrent update, and
/// returns the new value.
pub fn update(cell: &AtomicU64, f: impl Fn(u64) -> u64) -> u64 {
    todo!("compare-and-swap in a loop")
}
