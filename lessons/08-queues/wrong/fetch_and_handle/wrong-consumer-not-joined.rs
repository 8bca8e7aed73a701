// Spawns the consumer and never awaits it ("it runs in the background"), reading the
// count from a shared counter: `fetch_and_handle` returns when the fetches are done,
// before the consumer has handled their results.
//
// expect: failed
// message: it must not return before the consumer is done

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
    let (results, mut queue) = mpsc::channel::<(u32, String)>(16);
    let mut handle = handle;
    let handled = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&handled);
    tokio::spawn(async move {
        while let Some((num, data)) = queue.recv().await {
            handle(num, data).await;
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let fetches: Vec<_> = (0..count)
        .map(|num| {
            let results = results.clone();
            let fetching = fetch(num);
            tokio::spawn(async move {
                // The timeout owns the fetch future: at the deadline it drops it.
                let data = tokio::time::timeout(TIMEOUT, fetching).await.ok()?;
                // An error only if the consumer is gone: nothing left to do then.
                let _ = results.send((num, data)).await;
                Some(num)
            })
        })
        .collect();
    // Every fetch has its own sender: once they are all done, the queue is closed.
    drop(results);
    let mut timed_out = Vec::new();
    for (num, fetching) in (0..count).zip(fetches) {
        if fetching.await.expect("a fetch panicked").is_none() {
            timed_out.push(num);
        }
    }
    let handled = handled.load(std::sync::atomic::Ordering::SeqCst);
    Summary { handled, timed_out }
}
