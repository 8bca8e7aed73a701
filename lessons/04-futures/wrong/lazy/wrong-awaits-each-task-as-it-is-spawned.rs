// Spawns a task and awaits its handle at once, in the same loop: each task finishes
// before the next one is spawned, so the tasks run one after another (10 s, not 1 s).
//
// expect: failed
// message: they ran one after another

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// A shared log of what happened, in order, with the time of each line on tokio's clock.
/// Clones share the same log.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<(Instant, String)>>>);

impl Log {
    /// Appends a line, stamped with the current time on tokio's clock.
    pub fn push(&self, line: impl Into<String>) {
        self.0.lock().unwrap().push((Instant::now(), line.into()));
    }

    /// Every line so far, in order.
    pub fn lines(&self) -> Vec<String> {
        let lines = self.0.lock().unwrap();
        lines.iter().map(|(_, line)| line.clone()).collect()
    }

    /// Every line so far, in order, with the time it was logged.
    pub fn timed_lines(&self) -> Vec<(Instant, String)> {
        self.0.lock().unwrap().clone()
    }
}

/// A boxed future, already running when you get it: what [`create_tasks`] returns.
pub type Task = Pin<Box<dyn Future<Output = u32> + Send>>;

/// The lecture's coroutine: logs `"start N"`, sleeps one second, logs `"kek N"`, returns
/// `N`.
pub async fn payload_work(num: u32, log: Log) -> u32 {
    log.push(format!("start {num}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    log.push(format!("kek {num}"));
    num
}

/// The lecture's broken `main` (given): it makes ten futures and drops them, so nothing
/// runs and nothing is logged.
#[allow(unused_must_use, clippy::let_underscore_future)]
pub async fn prints_nothing(log: Log) {
    for num in 0..10 {
        let _ = payload_work(num, log.clone());
    }
}

/// Runs the payloads `0..count` one after another: awaits each before making the next.
pub async fn awaited(count: u32, log: Log) -> Vec<u32> {
    let mut outputs = Vec::new();
    for num in 0..count {
        outputs.push(payload_work(num, log.clone()).await);
    }
    outputs
}

/// Spawns the payloads `0..count` as tasks, then awaits them all: they run at the same time.
pub async fn spawned(count: u32, log: Log) -> Vec<u32> {
    let mut outputs = Vec::new();
    for num in 0..count {
        let handle = tokio::spawn(payload_work(num, log.clone()));
        outputs.push(handle.await.expect("a payload panicked"));
    }
    outputs
}

/// Starts the payloads `0..count` now, and returns a future of each one's output.
pub fn create_tasks(count: u32, log: Log) -> Vec<Task> {
    (0..count)
        .map(|num| {
            let handle = tokio::spawn(payload_work(num, log.clone()));
            Box::pin(async move { handle.await.expect("a payload panicked") }) as Task
        })
        .collect()
}
