// The workers send their outputs on a results channel, and the pool collects them with
// `while let Some(output) = results.recv().await`; but the pool still holds the
// original sender (only clones went to the workers), so the results channel never closes
// and the loop never ends.
//
// expect: failed
// message: while the pool itself still holds one of its senders

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
    (0..workers).for_each(|_| {
        let jobs = Arc::clone(&jobs);
        let sender = sender.clone();
        tokio::spawn(async move {
            loop {
                // The lock is held only while taking a job: the guard is dropped at
                // the end of this statement.
                let Some(job) = jobs.lock().await.recv().await else {
                    break;
                };
                let output = job.await;
                let _ = sender.send(output);
            }
        });
    });
    let mut outputs = Vec::new();
    while let Some(output) = results.recv().await {
        outputs.push(output);
    }
    outputs
}
