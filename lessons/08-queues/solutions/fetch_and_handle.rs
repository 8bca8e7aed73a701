//! # The lecture's fetch → queue → `handle_results`, made to terminate
//!
//! The lecture starts `COUNT` fetches, each putting `(num, data)` on an `asyncio.Queue`,
//! and one `handle_results` task that loops `while True: num, data = await queue.get()`.
//! As written it never terminates: `handle_results` waits for an eleventh result that
//! never comes, and `main` awaits it forever. In Rust the queue itself can say "no more
//! results": a channel is closed when every sender has been dropped, and then `recv`
//! returns `None`.
//!
//! Write [`fetch_and_handle`]:
//!
//! 1. Start the consumer first, as a task of its own: it receives `(num, data)` from a
//!    queue and handles each result as soon as it arrives, in the order received, one
//!    at a time (`handle(num, data).await`: handling is async, like writing to a
//!    database), until the queue is closed.
//! 2. Start `count` fetches at once, `fetch(0)` to `fetch(count - 1)`, each in a task of
//!    its own holding its own sender of the queue. Each fetch has [`TIMEOUT`] (1.2 s, the
//!    lecture's `ClientTimeout(total=1.2)`): a fetch still running 1.2 s after it started
//!    is cancelled then (its future dropped at that instant: it must not go on running),
//!    and its `num` counts as timed out; a fetch done in time sends `(num, data)`.
//! 3. Drop the senders at the right place (every sender gone = the queue closed), wait
//!    for the fetches and for the consumer, and return once every result has been
//!    handled (every `handle(…)` future has completed): how many were handled, and the
//!    `num`s that timed out, in increasing order.
//!
//! Ten fetches of one second each take one second in all; with one fetch of three
//! seconds among them, `fetch_and_handle` returns at 1.2 s:
//!
//! ```text
//! fetch_and_handle(10, fetch_joke, |num, data| async move { println!("{num} {data}") }).await
//!     == Summary { handled: 9, timed_out: vec![3] }   // when fetch(3) takes 3 s
//! ```

use std::future::Future;
use std::time::Duration;
// begin solution
use tokio::sync::mpsc;
// starter:
// end solution

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
    // begin solution: a consumer task, a task per fetch with a sender clone, drop the original, join all
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
    let handled = consumer.await.expect("the handler panicked");
    Summary { handled, timed_out }
    // end solution
}
