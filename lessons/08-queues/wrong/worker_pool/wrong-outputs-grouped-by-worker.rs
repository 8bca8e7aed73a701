// Each worker collects its own outputs and returns them; the pool concatenates them
// worker by worker, so the outputs are grouped by worker instead of in the order the jobs
// finished.
//
// expect: failed
// message: not grouped by worker

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::Mutex;
use tokio::sync::mpsc::Receiver;

/// A job: a future to run, with its output.
pub type Job = Pin<Box<dyn Future<Output = u64> + Send>>;

/// Runs the jobs of `jobs` on `workers` workers until the queue is closed and empty; the
/// outputs in the order the jobs finished.
pub async fn worker_pool(workers: usize, jobs: Receiver<Job>) -> Vec<u64> {
    let jobs = Arc::new(Mutex::new(jobs));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let jobs = Arc::clone(&jobs);
            tokio::spawn(async move {
                let mut outputs = Vec::new();
                loop {
                    // The lock is held only while taking a job: the guard is dropped at
                    // the end of this statement.
                    let Some(job) = jobs.lock().await.recv().await else {
                        break;
                    };
                    let output = job.await;
                    outputs.push(output);
                }
                outputs
            })
        })
        .collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.extend(handle.await.expect("a job panicked"));
    }
    outputs
}
