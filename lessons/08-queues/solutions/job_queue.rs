//! # A job queue in the style of RQ: ids, states, retries with backoff, results with a TTL
//!
//! The lecture's Redis Queue (RQ) hands each job to a worker in the background; the job
//! gets an id, goes through the states queued, started, finished (or failed), and its
//! result "is kept for 500 seconds". Write the same, in memory, on tokio: [`JobQueue`].
//!
//! - `JobQueue::new(config)` (called inside a tokio runtime) starts `config.workers`
//!   workers (at least 1), which take jobs from one queue and run them, each one job at a
//!   time: at most `workers` jobs run at once.
//! - `enqueue(job)` adds a job and returns its id at once: 1 for the first job, then 2,
//!   3, … The job is [`JobState::Queued`] until a worker takes it.
//! - A job is a function called once per *attempt*; each call returns a future, the
//!   attempt, whose output is `Ok(result)` or `Err(error)`. While an attempt runs, the job
//!   is `Started { attempt }` (1 for the first attempt, 2 for the first retry, …).
//!   `Ok(result)` makes it `Finished(result)`.
//! - `Err(error)` is retried, up to `config.retries` times (so a job gets at most
//!   `retries + 1` attempts), with exponential backoff: the first retry starts
//!   `config.backoff` after the failed attempt ended, the second `2 × backoff` after the
//!   second attempt ended, then `4 ×`, … While it waits, the job is `Queued` again. When
//!   the last attempt fails too, the job is `Failed(error)` with that attempt's error.
//!   Wait on tokio's clock ([`tokio::time::sleep`]), never on the thread's
//!   (`std::thread::sleep` blocks every task of the runtime).
//! - A finished or failed job is kept for `config.result_ttl` after it ended, then
//!   forgotten (removed from memory, whether or not anybody asked about it):
//!   `state(id)` returns `None` for a forgotten id, as for an id never given out.
//!   `remembered()` counts the jobs the queue still holds, in any state.
//!   Measure time with tokio's clock ([`tokio::time::Instant`], [`tokio::time::sleep`]),
//!   not with `std::time::Instant`: tests run on tokio's paused clock, which the std clock
//!   knows nothing of.
//!
//! A job that always fails, with `retries: 3` and `backoff: 1 s`, each attempt failing at
//! once, is attempted at 0 s, 1 s, 3 s and 7 s; it is `Failed` from 7 s on and forgotten
//! at 7 s + `result_ttl`.
//!
//! ```text
//! let queue = JobQueue::new(Config { workers: 2, retries: 3, backoff: 1 s, result_ttl: 500 s });
//! let id = queue.enqueue(|| Box::pin(async { Ok("322".to_string()) }));   // id == 1
//! queue.state(id) == Some(JobState::Queued)   // until a worker takes it
//! // … a moment later:
//! queue.state(id) == Some(JobState::Finished("322".to_string()))
//! // … 500 s later:
//! queue.state(id) == None
//! ```

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
// begin solution
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
// starter:
// end solution

/// A job's id: 1, 2, 3, … in the order enqueued.
pub type JobId = u64;

/// One attempt of a job: its result, or its error.
pub type Attempt = Pin<Box<dyn Future<Output = Result<String, String>> + Send>>;

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobState {
    /// Waiting for a worker, or for its next retry.
    Queued,
    /// Attempt number `attempt` (from 1) is running.
    Started { attempt: u32 },
    /// An attempt returned this result.
    Finished(String),
    /// The last attempt returned this error.
    Failed(String),
}

/// How a [`JobQueue`] works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// How many jobs run at once (at least 1).
    pub workers: usize,
    /// How many times a failed job is retried.
    pub retries: u32,
    /// The wait before the first retry; it doubles before each later one.
    pub backoff: Duration,
    /// How long a finished or failed job is kept.
    pub result_ttl: Duration,
}
// begin solution

type Job = Box<dyn FnMut() -> Attempt + Send>;
type States = Arc<Mutex<HashMap<JobId, JobState>>>;

fn set(states: &States, id: JobId, state: JobState) {
    states.lock().expect("no worker panics").insert(id, state);
}

/// Runs job `id` to its end: attempts, backoff, the final state, and its expiry.
async fn run(id: JobId, mut job: Job, config: Config, states: &States) {
    let mut attempt = 1;
    let mut backoff = config.backoff;
    let last = loop {
        set(states, id, JobState::Started { attempt });
        match job().await {
            Ok(result) => break JobState::Finished(result),
            Err(error) if attempt > config.retries => break JobState::Failed(error),
            Err(_) => {
                set(states, id, JobState::Queued);
                tokio::time::sleep(backoff).await;
                backoff *= 2;
                attempt += 1;
            }
        }
    };
    set(states, id, last);
    // Forget it after the TTL, on a timer of its own: the worker goes on at once.
    let states = Arc::clone(states);
    tokio::spawn(async move {
        tokio::time::sleep(config.result_ttl).await;
        states.lock().expect("no worker panics").remove(&id);
    });
}
// starter:
// end solution

/// An in-memory job queue with workers, retries and expiring results.
pub struct JobQueue {
    // begin solution
    jobs: mpsc::UnboundedSender<(JobId, Job)>,
    states: States,
    last_id: AtomicU64,
    // starter:
    // // The fields you need.
    // end solution
}

impl JobQueue {
    /// A queue whose workers start now (call it inside a tokio runtime).
    pub fn new(config: Config) -> JobQueue {
        // begin solution: a queue shared by `workers` spawned loops
        let (jobs, queue) = mpsc::unbounded_channel::<(JobId, Job)>();
        let queue = Arc::new(tokio::sync::Mutex::new(queue));
        let states = States::default();
        for _ in 0..config.workers {
            let queue = Arc::clone(&queue);
            let states = Arc::clone(&states);
            tokio::spawn(async move {
                loop {
                    let Some((id, job)) = queue.lock().await.recv().await else {
                        break;
                    };
                    run(id, job, config, &states).await;
                }
            });
        }
        JobQueue {
            jobs,
            states,
            last_id: AtomicU64::new(0),
        }
        // end solution
    }

    /// Adds a job (a function called once per attempt); its id.
    pub fn enqueue(&self, job: impl FnMut() -> Attempt + Send + 'static) -> JobId {
        // begin solution: the next id, state Queued, into the queue
        let id = self.last_id.fetch_add(1, Ordering::SeqCst) + 1;
        set(&self.states, id, JobState::Queued);
        // An error only if every worker died (a job panicked): the job stays Queued.
        let _ = self.jobs.send((id, Box::new(job)));
        id
        // end solution
    }

    /// Where job `id` is; `None` if it was never enqueued or has been forgotten.
    pub fn state(&self, id: JobId) -> Option<JobState> {
        // begin solution: a look-up
        self.states
            .lock()
            .expect("no worker panics")
            .get(&id)
            .cloned()
        // end solution
    }

    /// How many jobs the queue holds, in any state (forgotten ones are not counted).
    pub fn remembered(&self) -> usize {
        // begin solution: the size of the map
        self.states.lock().expect("no worker panics").len()
        // end solution
    }
}
