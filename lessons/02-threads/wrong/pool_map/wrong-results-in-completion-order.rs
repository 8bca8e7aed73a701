// Collects the results in the order they arrive, which is the order the jobs finish,
// not the order of the items.
//
// expect: failed
// message: put every result at the index of its item

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// A unit of work for a worker.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of worker threads that run `map`'s calls.
#[derive(Debug)]
pub struct ThreadPool {
    /// The sending end of the job channel; `None` once the pool is being dropped.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
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
        let mut values = Vec::with_capacity(count);
        let mut failure = None;
        for (_index, result) in finished.iter().take(count) {
            match result {
                Ok(value) => values.push(value),
                Err(payload) => failure = failure.or(Some(payload)),
            }
        }
        if let Some(payload) = failure {
            panic::resume_unwind(payload);
        }
        values
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
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
