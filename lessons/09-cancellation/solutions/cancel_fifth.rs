//! # Ten tasks, cancel one: which finished and which were cancelled
//!
//! The lecture starts ten tasks, cancels `tasks[5]` and awaits them all:
//!
//! ```text
//! async def payload_work(num):        tasks = [asyncio.create_task(payload_work(i)) for i in range(10)]
//!     await asyncio.sleep(1)          tasks[5].cancel()
//!     print(f'kek {num}')             for task in tasks: await task
//! ```
//!
//! Write [`cancel_one`], the same in Rust, for any list of jobs:
//!
//! 1. Spawn every job as a tokio task (`tokio::spawn`), all of them before awaiting any,
//!    so that they run at the same time.
//! 2. Cancel the job at index `cancel` right after spawning, before it has run at all:
//!    `JoinHandle::abort` (not by dropping its handle: a dropped `JoinHandle` *detaches*
//!    the task, which keeps running). Its future must be dropped at once, at t = 0.
//! 3. Await every handle, in order, and report each job's [`Outcome`]: `Finished(output)`
//!    when it returned, `Cancelled` when its `JoinError` says so
//!    (`JoinError::is_cancelled`), and `Panicked(message)` when it panicked
//!    (`JoinError::is_panic`; the message is the panic's text, see [`panic_text`]). A
//!    panicking job is reported, never re-raised: `cancel_one` itself does not panic.
//!
//! `cancel` may be out of range (`cancel >= jobs.len()`): then nothing is cancelled.
//!
//! Under tokio's paused clock the seed takes exactly 1 s, not 9 s:
//!
//! ```text
//! let jobs = (0..10).map(payload_work).collect();
//! cancel_one(jobs, 5).await == [Finished(0), Finished(1), .., Finished(4), Cancelled, Finished(6), .., Finished(9)]
//! ```

use std::future::Future;
use std::time::Duration;

/// How one job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    /// It ran to the end and returned this.
    Finished(T),
    /// It was cancelled (aborted) before it finished.
    Cancelled,
    /// It panicked, with this message.
    Panicked(String),
}

/// The seed's task: sleeps 1 s, then returns its number (where Python prints `kek {num}`).
pub async fn payload_work(num: usize) -> usize {
    tokio::time::sleep(Duration::from_secs(1)).await;
    num
}

/// The text of a panic payload (`panic!("literal")` carries a `&str`, a formatted
/// `panic!` a `String`), for [`Outcome::Panicked`]; get the payload of a panicked task
/// with `JoinError::into_panic`.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "<a panic without a message>".to_string()
    }
}

/// Spawns every job, cancels the one at index `cancel`, awaits them all and reports how
/// each ended, in the order of `jobs`.
pub async fn cancel_one<F>(jobs: Vec<F>, cancel: usize) -> Vec<Outcome<F::Output>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // begin solution: spawn all, abort the one at `cancel`, then await every handle in order
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    if let Some(handle) = handles.get(cancel) {
        handle.abort();
    }
    let mut outcomes = Vec::with_capacity(handles.len());
    for handle in handles {
        outcomes.push(match handle.await {
            Ok(output) => Outcome::Finished(output),
            Err(error) if error.is_cancelled() => Outcome::Cancelled,
            Err(error) => Outcome::Panicked(panic_text(error.into_panic().as_ref())),
        });
    }
    outcomes
    // end solution
}
