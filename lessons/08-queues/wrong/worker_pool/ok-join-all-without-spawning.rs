// Runs the workers as futures of the pool's own task, polled together by
// `futures::future::join_all`, with the outputs sent on a channel whose original sender is
// dropped before collecting.

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
    let (sender, mut results) = tokio::sync::mpsc::unbounded_channel();
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let jobs = Arc::clone(&jobs);
            let sender = sender.clone();
            async move {
                loop {
                    // The lock is held only while taking a job: the guard is dropped at
                    // the end of this statement.
                    let Some(job) = jobs.lock().await.recv().await else {
                        break;
                    };
                    let output = job.await;
                    let _ = sender.send(output);
                }
            }
        })
        .collect();
    drop(sender);
    futures::future::join_all(workers).await;
    let mut outputs = Vec::new();
    while let Some(output) = results.recv().await {
        outputs.push(output);
    }
    outputs
}
