// Takes jobs with `try_recv` and ends a worker as soon as the queue is empty, although
// the producer may still send more: a pool fed over time stops early.
//
// expect: failed
// message: while the producer was still sending

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
    let outputs = Arc::new(std::sync::Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let jobs = Arc::clone(&jobs);
            let outputs = Arc::clone(&outputs);
            tokio::spawn(async move {
                loop {
                    let Ok(job) = jobs.lock().await.try_recv() else {
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
}
