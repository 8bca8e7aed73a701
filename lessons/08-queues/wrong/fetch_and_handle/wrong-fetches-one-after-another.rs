// Awaits each fetch (with its timeout) before starting the next, in the function
// itself: the consumer runs at the same time, but ten fetches of one second take ten.
//
// expect: failed
// message: the fetches ran one after another

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
    let consumer = tokio::spawn(async move {
        let mut handled = 0;
        while let Some((num, data)) = queue.recv().await {
            handle(num, data).await;
            handled += 1;
        }
        handled
    });
    let mut timed_out = Vec::new();
    for num in 0..count {
        match tokio::time::timeout(TIMEOUT, fetch(num)).await {
            Ok(data) => {
                let _ = results.send((num, data)).await;
            }
            Err(_) => timed_out.push(num),
        }
    }
    drop(results);
    let handled = consumer.await.expect("the handler panicked");
    Summary { handled, timed_out }
}
