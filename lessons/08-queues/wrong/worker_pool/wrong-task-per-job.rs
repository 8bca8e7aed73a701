// Ignores `workers` and spawns a task per job as the jobs come ("tasks are cheap"):
// every job runs at once, with no limit.
//
// expect: failed
// message: must not start a task per job

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
    let _ = workers;
    let mut jobs = jobs;
    let outputs = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    while let Some(job) = jobs.recv().await {
        let outputs = Arc::clone(&outputs);
        handles.push(tokio::spawn(async move {
            let output = job.await;
            outputs.lock().expect("no worker panics").push(output);
        }));
    }
    for handle in handles {
        handle.await.expect("a job panicked");
    }
    std::mem::take(&mut *outputs.lock().expect("no worker panics"))
}
