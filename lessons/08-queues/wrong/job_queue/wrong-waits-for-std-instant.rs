// Waits between attempts in a loop until `std::time::Instant::now()` passes the
// deadline, yielding in between: the retry is timed on the real clock, which tokio's
// (paused) clock knows nothing of, and the loop keeps the runtime busy.
//
// expect: failed
// message: all 4 attempts started at the same instant of tokio's clock

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

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
                let retry_at = std::time::Instant::now() + backoff;
                while std::time::Instant::now() < retry_at {
                    tokio::task::yield_now().await;
                }
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

/// An in-memory job queue with workers, retries and expiring results.
pub struct JobQueue {
    jobs: mpsc::UnboundedSender<(JobId, Job)>,
    states: States,
    last_id: AtomicU64,
}

impl JobQueue {
    /// A queue whose workers start now (call it inside a tokio runtime).
    pub fn new(config: Config) -> JobQueue {
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
    }

    /// Adds a job (a function called once per attempt); its id.
    pub fn enqueue(&self, job: impl FnMut() -> Attempt + Send + 'static) -> JobId {
        let id = self.last_id.fetch_add(1, Ordering::SeqCst) + 1;
        set(&self.states, id, JobState::Queued);
        // An error only if every worker died (a job panicked): the job stays Queued.
        let _ = self.jobs.send((id, Box::new(job)));
        id
    }

    /// Where job `id` is; `None` if it was never enqueued or has been forgotten.
    pub fn state(&self, id: JobId) -> Option<JobState> {
        self.states
            .lock()
            .expect("no worker panics")
            .get(&id)
            .cloned()
    }

    /// How many jobs the queue holds, in any state (forgotten ones are not counted).
    pub fn remembered(&self) -> usize {
        self.states.lock().expect("no worker panics").len()
    }
}
