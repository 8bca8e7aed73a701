// Sends a job and waits for its result before it sends the next one: the results come
// in order without any index, but the jobs run one at a time.
//
// expect: failed
// message: waited for its result before it took the next item

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
        let mut values = Vec::new();
        let mut failure = None;
        for item in items {
            let (results, finished) = mpsc::channel();
            let f = Arc::clone(&f);
            jobs.send(Box::new(move || {
                let result = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
                let _ = results.send(result);
            }))
            .expect("the workers are running");
            match finished.recv().expect("every job sends its result") {
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
