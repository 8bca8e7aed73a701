// No job channel: the jobs wait in a `VecDeque` behind a `Mutex`, with a `Condvar` the
// workers sleep on and a flag that tells them to stop; each job writes its result into
// a shared slot and counts down, and `map` waits on a second `Condvar` for zero.

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};

/// A unit of work for a worker.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// The jobs waiting for a worker, and whether the pool is closing.
#[derive(Default)]
struct Queue {
    state: Mutex<(VecDeque<Job>, bool)>,
    ready: Condvar,
}

/// A fixed set of worker threads that run `map`'s calls.
pub struct ThreadPool {
    queue: Arc<Queue>,
    workers: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadPool")
            .field("workers", &self.workers.len())
            .finish()
    }
}

/// What a `map` collects: a slot per item, and how many are still missing.
struct Results<R> {
    slots: Mutex<(Vec<Option<thread::Result<R>>>, usize)>,
    done: Condvar,
}

impl ThreadPool {
    /// Starts `workers` (at least 1) worker threads.
    pub fn new(workers: usize) -> ThreadPool {
        assert!(workers > 0, "a pool needs at least one worker");
        let queue = Arc::new(Queue::default());
        let workers = (0..workers)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || work(&queue))
            })
            .collect();
        ThreadPool { queue, workers }
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
        let items: Vec<T> = items.into_iter().collect();
        let count = items.len();
        let results = Arc::new(Results {
            slots: Mutex::new(((0..count).map(|_| None).collect(), count)),
            done: Condvar::new(),
        });
        {
            let mut state = self.queue.state.lock().unwrap();
            for (index, item) in items.into_iter().enumerate() {
                let (f, results) = (Arc::clone(&f), Arc::clone(&results));
                state.0.push_back(Box::new(move || {
                    let outcome = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
                    let mut slots = results.slots.lock().unwrap();
                    slots.0[index] = Some(outcome);
                    slots.1 -= 1;
                    if slots.1 == 0 {
                        results.done.notify_all();
                    }
                }));
            }
        }
        self.queue.ready.notify_all();
        let mut slots = results.slots.lock().unwrap();
        while slots.1 > 0 {
            slots = results.done.wait(slots).unwrap();
        }
        let outcomes: Vec<thread::Result<R>> = slots
            .0
            .drain(..)
            .map(|slot| slot.expect("every job fills its slot"))
            .collect();
        drop(slots);
        let mut values = Vec::with_capacity(count);
        for outcome in outcomes {
            match outcome {
                Ok(value) => values.push(value),
                Err(payload) => panic::resume_unwind(payload),
            }
        }
        values
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.queue.state.lock().unwrap().1 = true;
        self.queue.ready.notify_all();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// A worker: runs jobs until the pool closes and the queue is empty.
fn work(queue: &Queue) {
    loop {
        let job = {
            let mut state = queue.state.lock().unwrap();
            loop {
                if let Some(job) = state.0.pop_front() {
                    break job;
                }
                if state.1 {
                    return;
                }
                state = queue.ready.wait(state).unwrap();
            }
        };
        job();
    }
}
