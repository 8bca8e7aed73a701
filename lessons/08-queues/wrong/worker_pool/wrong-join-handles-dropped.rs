// Spawns the workers and drops their `JoinHandle`s, believing the runtime waits for
// the tasks: `worker_pool` returns at once, with the outputs of no job.
//
// expect: failed
// message: dropping a JoinHandle does not wait

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
    (0..workers).for_each(|_| {
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
        });
    });
    std::mem::take(&mut *outputs.lock().expect("no worker panics"))
}
