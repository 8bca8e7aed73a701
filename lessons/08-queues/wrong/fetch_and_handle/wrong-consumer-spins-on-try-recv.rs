// The consumer polls the queue with `try_recv` in a loop, yielding when it is empty: a
// busy loop that never sleeps, so the runtime never goes idle (and tokio's paused clock
// never moves), burning a core while it waits.
//
// expect: failed
// message: does the consumer poll the queue in a loop

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
        loop {
            match queue.try_recv() {
                Ok((num, data)) => {
                    handle(num, data).await;
                    handled += 1;
                }
                Err(mpsc::error::TryRecvError::Empty) => tokio::task::yield_now().await,
                Err(mpsc::error::TryRecvError::Disconnected) => break,
            }
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
}
