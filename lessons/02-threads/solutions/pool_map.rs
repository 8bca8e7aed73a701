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

// begin solution
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// A unit of work for a worker.
type Job = Box<dyn FnOnce() + Send + 'static>;

// starter:
// end solution
/// A fixed set of worker threads that run `map`'s calls.
#[derive(Debug)]
pub struct ThreadPool {
    // begin solution
    /// The sending end of the job channel; `None` once the pool is being dropped.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
    // starter:
    // // The fields you need.
    // end solution
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
        // begin solution: start the workers, sharing the receiving end of a job channel
        assert!(workers > 0, "a pool needs at least one worker");
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..workers)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || work(&queue))
            })
            .collect();
        ThreadPool {
            jobs: Some(jobs),
            workers,
        }
        // end solution
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
        // begin solution: send a job per item, collect (index, result) pairs, put them in order
        let f = Arc::new(f);
        let jobs = self.jobs.as_ref().expect("the pool is running");
        let (results, finished) = mpsc::channel();
        let mut count = 0;
        for (index, item) in items.into_iter().enumerate() {
            let (f, results) = (Arc::clone(&f), results.clone());
            jobs.send(Box::new(move || {
                // Catch a panic here, so that the result (an `Err`) still reaches `map`
                // and the worker goes on.
                let result = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
                let _ = results.send((index, result));
            }))
            .expect("the workers are running");
            count += 1;
        }
        drop(results); // only the jobs hold senders now
        let mut slots: Vec<Option<R>> = (0..count).map(|_| None).collect();
        let mut failure = None;
        for (index, result) in finished.iter().take(count) {
            match result {
                Ok(value) => slots[index] = Some(value),
                Err(payload) => failure = failure.or(Some(payload)),
            }
        }
        if let Some(payload) = failure {
            panic::resume_unwind(payload);
        }
        slots
            .into_iter()
            .map(|slot| slot.expect("every job sends its result"))
            .collect()
        // end solution
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        // begin solution: close the job channel, then join every worker
        // Closing the channel makes every worker's `recv` fail once the queue is empty:
        // that is their signal to stop. Join them only after that.
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
        // end solution
    }
}
// begin solution

/// A worker: runs jobs until the channel is closed.
fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        // The lock guard is a temporary of this statement: it is released before the
        // job runs. (`while let Ok(job) = queue.lock().unwrap().recv()` would keep it
        // for the whole loop body, and only one worker could run at a time.)
        let job = queue.lock().unwrap().recv();
        match job {
            Ok(job) => job(),
            Err(_closed) => return,
        }
    }
}
// starter:
// end solution
