// Awaits each job in turn without spawning it (and drops the cancelled one unpolled): the
// jobs run one after another, 9 s instead of 1 s.
//
// expect: failed
// message: one after another

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
    let mut outcomes = Vec::with_capacity(jobs.len());
    for (index, job) in jobs.into_iter().enumerate() {
        if index == cancel {
            drop(job);
            outcomes.push(Outcome::Cancelled);
        } else {
            outcomes.push(Outcome::Finished(job.await));
        }
    }
    outcomes
}
