// Spawns the work and times out its JoinHandle: at the deadline the handle is dropped, which
// detaches the task; the work keeps running in the background.
//
// expect: failed
// message: a spawned task whose JoinHandle is dropped is detached

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Why [`with_deadline`] returned no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError<E> {
    /// The work was still running after this long; it was cancelled.
    #[error("timed out after {0:?}")]
    TimedOut(Duration),
    /// The work finished in time, with this error.
    #[error("failed: {0}")]
    Failed(#[source] E),
}

/// Runs `work` for at most `limit` (tokio's clock); drops it at `limit` if it is still
/// running.
pub async fn with_deadline<T, E, F>(limit: Duration, work: F) -> Result<T, DeadlineError<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    match tokio::time::timeout(limit, tokio::spawn(work)).await {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(error))) => Err(DeadlineError::Failed(error)),
        Ok(Err(join_error)) => std::panic::resume_unwind(join_error.into_panic()),
        Err(_elapsed) => Err(DeadlineError::TimedOut(limit)),
    }
}

/// A flag that blocking work checks to learn that it should stop. Cheap to clone: clones
/// share the flag.
#[derive(Debug, Clone, Default)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    /// A flag that is not set.
    pub fn new() -> StopFlag {
        StopFlag::default()
    }

    /// Asks the work to stop.
    pub fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the work has been asked to stop.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Runs blocking `work` on tokio's blocking pool for at most `limit`; at `limit` sets its
/// flag and returns `TimedOut` at once.
pub async fn with_deadline_blocking<T, W>(
    limit: Duration,
    work: W,
) -> Result<T, DeadlineError<std::convert::Infallible>>
where
    W: FnOnce(StopFlag) -> T + Send + 'static,
    T: Send + 'static,
{
    let flag = StopFlag::new();
    let handle = tokio::task::spawn_blocking({
        let flag = flag.clone();
        move || work(flag)
    });
    match tokio::time::timeout(limit, handle).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
        Err(_elapsed) => {
            flag.set();
            Err(DeadlineError::TimedOut(limit))
        }
    }
}
