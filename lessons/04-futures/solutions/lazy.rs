//! # Lazy futures: "what does this print? Nothing"
//!
//! The lecture's puzzle, in Rust. [`payload_work`] (given) is the lecture's coroutine: it
//! logs `"start N"`, sleeps one second (`tokio::time::sleep`), logs `"kek N"` and returns
//! `N`. [`prints_nothing`] (given) is the broken `main`: it calls `payload_work` ten times
//! and never awaits the futures. Calling an `async fn` runs *none* of its body: it only
//! builds a future, a value that does nothing until something polls it. So
//! `prints_nothing` logs nothing at all (rustc even warns: "futures do nothing unless you
//! `.await` or poll them").
//!
//! Fix it three ways. Each function runs `payload_work(n, log)` for every `n` in `0..count`
//! (`count` is the parameter) with clones of the `log` it was given.
//!
//! 1. [`awaited`]: await each future in turn, one after another, as written. The log is
//!    `start 0, kek 0, start 1, kek 1, …`; `count` payloads take `count` seconds; returns
//!    the outputs `[0, 1, …, count - 1]`.
//! 2. [`spawned`]: hand every future to the runtime with [`tokio::spawn`] first (a *task*,
//!    what asyncio's `create_task` makes), then await the `JoinHandle`s, in order. All
//!    payloads run at the same time: the log starts with the `count` `"start"` lines, and
//!    the whole takes one second, however large `count` is. Returns the outputs in order
//!    `[0, 1, …, count - 1]`. It must not return before every task has finished (the
//!    lecture's other bug: the program ended before its tasks did).
//! 3. [`create_tasks`]: `create_task` semantics: return one [`Task`] per payload, whose work
//!    has *already started* when `create_tasks` returns, whether or not the caller ever
//!    awaits it. Awaiting the `Task` gives the payload's output. A boxed `payload_work(…)`
//!    future is *not* that: it would only start when first awaited. Spawn each payload and
//!    return a boxed future that awaits its `JoinHandle` (and unwraps it).
//!
//! ```text
//! let log = Log::default();
//! let tasks = create_tasks(3, log.clone());   // nothing awaited yet
//! tokio::time::sleep(Duration::from_secs(2)).await;
//! log.lines() == ["start 0", "start 1", "start 2", "kek 0", "kek 1", "kek 2"]
//! ```
//!
//! All three are called inside a tokio runtime (the tests use `#[tokio::test]`).

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
    // begin solution: await each payload in turn and collect the outputs
    let mut outputs = Vec::new();
    for num in 0..count {
        outputs.push(payload_work(num, log.clone()).await);
    }
    outputs
    // end solution
}

/// Spawns the payloads `0..count` as tasks, then awaits them all: they run at the same time.
pub async fn spawned(count: u32, log: Log) -> Vec<u32> {
    // begin solution: spawn every payload first, then await the handles in order
    let handles: Vec<_> = (0..count)
        .map(|num| tokio::spawn(payload_work(num, log.clone())))
        .collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.expect("a payload panicked"));
    }
    outputs
    // end solution
}

/// Starts the payloads `0..count` now, and returns a future of each one's output.
pub fn create_tasks(count: u32, log: Log) -> Vec<Task> {
    // begin solution: spawn now; return boxed futures that await the handles
    (0..count)
        .map(|num| {
            let handle = tokio::spawn(payload_work(num, log.clone()));
            Box::pin(async move { handle.await.expect("a payload panicked") }) as Task
        })
        .collect()
    // end solution
}
