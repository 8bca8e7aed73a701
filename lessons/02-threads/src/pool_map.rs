//! # A thread pool with `map`, like `ThreadPoolExecutor.map`
//!
//! The lecture downloads images with `ThreadPoolExecutor().map(download_image, urls)`:
//! a fixed set of worker threads takes the calls one by one, and `map` gives the results
//! in the order of the inputs. Write that pool.
//!
//! - [`ThreadPool::new`] starts `workers` threads (at least one), once. They wait for
//!   jobs and run them, for as long as the pool lives: every `map` reuses them, and no
//!   other thread is ever started.
//! - [`ThreadPool::map`] runs `f` on every item on the workers and returns the results
//!   *in the order of the items*, whatever order they finish in. At most `workers` calls
//!   of `f` run at the same time, and with enough items, that many do.
//! - If `f` panics for an item, `map` panics too, with `f`'s panic message (re-raise its
//!   payload), once the other items are done. The worker that ran the item survives:
//!   the pool keeps all its workers.
//! - Dropping the pool stops its workers and waits for them (joins them), like leaving
//!   Python's `with ThreadPoolExecutor() as executor:` block.
//!
//! ```text
//! let pool = ThreadPool::new(4);
//! pool.map(|x| x * x, 0..5) == vec![0, 1, 4, 9, 16]
//! pool.map(|url: &str| url.len(), ["a", "bcd"]) == vec![1, 3]
//! ```
//!
//! The usual design: the workers share the receiving end of one channel of jobs
//! (`Box<dyn FnOnce() + Send>`), behind an `Arc<Mutex<…>>`; `map` sends one job per
//! item, each job sends `(index, result)` back on a channel of its own, and `map`
//! puts the results in place by index. Careful: hold the receiver's lock only to
//! *receive* a job, never while running it, or the workers run one at a time.

/// A fixed set of worker threads that run `map`'s calls.
#[derive(Debug)]
pub struct ThreadPool {
    // The fields you need.
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
        todo!("start the workers, sharing the receiving end of a job channel")
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
        todo!("send a job per item, collect (index, result) pairs, put them in order")
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        todo!("close the job channel, then join every worker")
    }
}
