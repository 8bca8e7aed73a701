// Starts the workers in `new`, and `size` more in every `map` "so that each map has
// workers of its own", on the same queue: the pool grows without bound, and runs more
// calls at once than it has workers.
//
// expect: failed
// message: two maps on a pool of 3 workers started 6 thread(s)

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// A unit of work for a worker.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of worker threads that run `map`'s calls.
#[derive(Debug)]
pub struct ThreadPool {
    size: usize,
    /// The sending end of the job channel; `None` once the pool is being dropped.
    jobs: Option<Sender<Job>>,
    /// The receiving end, shared by the workers.
    queue: Arc<Mutex<Receiver<Job>>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
        assert!(workers > 0, "a pool needs at least one worker");
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let pool = ThreadPool {
            size: workers,
            jobs: Some(jobs),
            queue,
            workers: Mutex::default(),
        };
        pool.add_workers();
        pool
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
        // Enough hands for this map's items too.
        self.add_workers();
        let f = Arc::new(f);
        let jobs = self.jobs.as_ref().expect("the pool is running");
        let (results, finished) = mpsc::channel();
        let mut count = 0;
        for (index, item) in items.into_iter().enumerate() {
            let (f, results) = (Arc::clone(&f), results.clone());
            jobs.send(Box::new(move || {
                let result = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
                let _ = results.send((index, result));
            }))
            .expect("the workers are running");
            count += 1;
        }
        drop(results);
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
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.lock().unwrap().drain(..) {
            let _ = worker.join();
        }
    }
}

impl ThreadPool {
    /// Starts `size` more workers on the shared queue.
    fn add_workers(&self) {
        let mut workers = self.workers.lock().unwrap();
        for _ in 0..self.size {
            let queue = Arc::clone(&self.queue);
            workers.push(thread::spawn(move || work(&queue)));
        }
    }
}

/// A worker: runs jobs until the channel is closed.
fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = queue.lock().unwrap().recv();
        match job {
            Ok(job) => job(),
            Err(_closed) => return,
        }
    }
}
