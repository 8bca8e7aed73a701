// Aborts the job when the await loop reaches it, as the lecture's loop would: by then the
// jobs before it have taken 1 s and it has finished too, so abort does nothing.
//
// expect: failed
// message: cancelled too late

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
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut outcomes = Vec::with_capacity(handles.len());
    for (index, handle) in handles.into_iter().enumerate() {
        if index == cancel {
            handle.abort();
        }
        outcomes.push(match handle.await {
            Ok(output) => Outcome::Finished(output),
            Err(error) if error.is_cancelled() => Outcome::Cancelled,
            Err(error) => Outcome::Panicked(panic_text(error.into_panic().as_ref())),
        });
    }
    outcomes
}
