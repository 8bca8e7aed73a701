// Spawns each fetch with its sender and, at the deadline (`timeout_at` on `&mut` the
// handle, so that the handle is kept), aborts the task that is still running; the
// channel is unbounded.

use std::future::Future;
use std::time::Duration;
use tokio::sync::mpsc;

/// How long a fetch may take before it is cancelled.
pub const TIMEOUT: Duration = Duration::from_millis(1200);

/// What [`fetch_and_handle`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How many results were handled.
    pub handled: usize,
    /// The `num`s of the fetches that timed out, in increasing order.
    pub timed_out: Vec<u32>,
}

/// Fetches `0..count` at once, each within [`TIMEOUT`], and hands every result to
/// `handle` from a consumer task; returns once every result has been handled.
pub async fn fetch_and_handle<F, Fut, H, Handling>(count: u32, fetch: F, handle: H) -> Summary
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = String> + Send + 'static,
    H: FnMut(u32, String) -> Handling + Send + 'static,
    Handling: Future<Output = ()> + Send,
{
    let (results, mut queue) = mpsc::unbounded_channel::<(u32, String)>();
    let mut handle = handle;
    let consumer = tokio::spawn(async move {
        let mut handled = 0;
        while let Some((num, data)) = queue.recv().await {
            handle(num, data).await;
            handled += 1;
        }
        handled
    });
    let fetches: Vec<_> = (0..count)
        .map(|num| {
            let results = results.clone();
            let fetching = fetch(num);
            tokio::spawn(async move {
                let data = fetching.await;
                let _ = results.send((num, data));
            })
        })
        .collect();
    // Every fetch has its own sender: once they are all done, the queue is closed.
    drop(results);
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    let mut timed_out = Vec::new();
    for (num, mut fetching) in (0..count).zip(fetches) {
        if tokio::time::timeout_at(deadline, &mut fetching)
            .await
            .is_err()
        {
            fetching.abort();
            timed_out.push(num);
        }
    }
    let handled = consumer.await.expect("the handler panicked");
    Summary { handled, timed_out }
}
