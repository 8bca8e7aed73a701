// Starts no workers at all: `map` spawns a scoped thread per item, so every call runs
// at once, however many workers the pool was given.
//
// expect: failed
// message: starts its 3 workers once, in `new`

use std::panic;
use std::thread;

/// A fixed set of worker threads that run `map`'s calls.
#[derive(Debug)]
pub struct ThreadPool {
    /// How many calls may run at once (in theory).
    workers: usize,
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
        assert!(workers > 0, "a pool needs at least one worker");
        ThreadPool { workers }
    }

    /// Runs `f` on every item on the pool's workers; the results in the order of the
    /// items. Re-raises a panic of `f`.
    pub fn map<T, R, F, I>(&self, f: F, items: I) -> Vec<R>
    where
        F: Fn(T) -> R + Send + Sync + 'static,
        T: Send + 'static,
        R: Send + 'static,
        I: IntoIterator<Item = T>,
    {
        let f = &f;
        let outcomes: Vec<thread::Result<R>> = thread::scope(|scope| {
            let mut handles = Vec::with_capacity(self.workers);
            for item in items {
                handles.push(scope.spawn(move || f(item)));
            }
            handles.into_iter().map(|handle| handle.join()).collect()
        });
        let mut values = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            match outcome {
                Ok(value) => values.push(value),
                Err(payload) => panic::resume_unwind(payload),
            }
        }
        values
    }
}
