//! # A pool of workers draining one queue
//!
//! Write [`worker_pool`]: `workers` workers (at least 1) take jobs from the one queue
//! `jobs` and run them, until the queue is closed and empty.
//!
//! - Each worker loops: take the next job from the queue, run it (await it), take the
//!   next one. A worker that finds the queue closed (`recv` returns `None`: every sender
//!   was dropped and every job was taken) ends.
//! - The workers run at the same time: at most `workers` jobs run at once, and as many
//!   as there are workers whenever enough jobs are waiting. 20 jobs of one second on 4
//!   workers take 5 seconds; on 1 worker, 20 seconds.
//! - Every job runs exactly once, to the end.
//! - `worker_pool` completes when every worker has ended, and returns the outputs of all
//!   the jobs, in the order they finished.
//!
//! Only one worker can wait on a [`tokio::sync::mpsc::Receiver`] at a time: share it
//! behind a [`tokio::sync::Mutex`] (`Arc<Mutex<Receiver<Job>>>`), locked only to take a
//! job, never while a job runs.
//!
//! ```text
//! let (tx, rx) = tokio::sync::mpsc::channel(100);
//! for id in 0..20 {
//!     tx.send(Box::pin(async move { sleep(1 s).await; id }) as Job).await?;
//! }
//! drop(tx); // no more jobs: the workers end once the queue is empty
//! let outputs = worker_pool(4, rx).await; // 5 s later: 20 outputs
//! ```

use std::future::Future;
use std::pin::Pin;
// begin solution
use std::sync::Arc;
// starter:
// end solution

use tokio::sync::mpsc::Receiver;
// begin solution
use tokio::sync::Mutex;
// starter:
// end solution

/// A job: a future to run, with its output.
pub type Job = Pin<Box<dyn Future<Output = u64> + Send>>;

/// Runs the jobs of `jobs` on `workers` workers until the queue is closed and empty; the
/// outputs in the order the jobs finished.
pub async fn worker_pool(workers: usize, jobs: Receiver<Job>) -> Vec<u64> {
    // begin solution: share the receiver, spawn `workers` loops, await every one of them
    let jobs = Arc::new(Mutex::new(jobs));
    let outputs = Arc::new(std::sync::Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let jobs = Arc::clone(&jobs);
            let outputs = Arc::clone(&outputs);
            tokio::spawn(async move {
                loop {
                    // The lock is held only while taking a job: the guard is dropped at
                    // the end of this statement.
                    let Some(job) = jobs.lock().await.recv().await else {
                        break;
                    };
                    let output = job.await;
                    outputs.lock().expect("no worker panics").push(output);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.expect("a job panicked");
    }
    std::mem::take(&mut *outputs.lock().expect("no worker panics"))
    // end solution
}
