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

/// An in-memory job queue with workers, retries and expiring results.
pub struct JobQueue {
    // The fields you need.
}

impl JobQueue {
    /// A queue whose workers start now (call it inside a tokio runtime).
    pub fn new(config: Config) -> JobQueue {
        todo!("a queue shared by `workers` spawned loops")
    }

    /// Adds a job (a function called once per attempt); its id.
    pub fn enqueue(&self, job: impl FnMut() -> Attempt + Send + 'static) -> JobId {
        todo!("the next id, state Queued, into the queue")
    }

    /// Where job `id` is; `None` if it was never enqueued or has been forgotten.
    pub fn state(&self, id: JobId) -> Option<JobState> {
        todo!("a look-up")
    }

    /// How many jobs the queue holds, in any state (forgotten ones are not counted).
    pub fn remembered(&self) -> usize {
        todo!("the size of the map")
    }
}
