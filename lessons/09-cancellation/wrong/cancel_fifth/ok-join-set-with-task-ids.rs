// Spawns into a JoinSet, cancels through an AbortHandle, and puts the outcomes back in the
// jobs' order by task id (they come out of the set as they end).

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
    let mut set = tokio::task::JoinSet::new();
    let handles: Vec<tokio::task::AbortHandle> =
        jobs.into_iter().map(|job| set.spawn(job)).collect();
    if let Some(handle) = handles.get(cancel) {
        handle.abort();
    }
    let ids: Vec<tokio::task::Id> = handles.iter().map(tokio::task::AbortHandle::id).collect();
    let mut outcomes: Vec<Option<Outcome<F::Output>>> = ids.iter().map(|_| None).collect();
    while let Some(joined) = set.join_next_with_id().await {
        let (id, outcome) = match joined {
            Ok((id, output)) => (id, Outcome::Finished(output)),
            Err(error) if error.is_cancelled() => (error.id(), Outcome::Cancelled),
            Err(error) => (
                error.id(),
                Outcome::Panicked(panic_text(error.into_panic().as_ref())),
            ),
        };
        let index = ids.iter().position(|known| *known == id).unwrap();
        outcomes[index] = Some(outcome);
    }
    outcomes.into_iter().map(Option::unwrap).collect()
}
