// Makes `update` safe with one global `Mutex` held around the load, `f` and the
// store: no update is lost, but every other `update` waits while `f` runs.
//
// expect: failed
// message: `update` must not lock anything

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Serialises every `update`.
static UPDATING: Mutex<()> = Mutex::new(());

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
    let _only_me = UPDATING.lock().unwrap();
    let new = f(cell.load(Ordering::SeqCst));
    cell.store(new, Ordering::SeqCst);
    new
}
