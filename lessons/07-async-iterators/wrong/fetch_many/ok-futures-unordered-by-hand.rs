// Without the adapters: `stream!` over a `FuturesUnordered` (a `FuturesOrdered` for
// the ordered results), topped up to `limit` fetches before each result is awaited.

use std::future::Future;

use futures::stream::{FuturesOrdered, FuturesUnordered};
use futures::{Stream, StreamExt};

/// Fetches every id, at most `limit` at once; yields `(id, result)` as each completes.
pub fn fetch_unordered<F, Fut, T>(
    ids: Vec<u32>,
    limit: usize,
    fetch: F,
) -> impl Stream<Item = (u32, T)>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    async_stream::stream! {
        let mut fetch = fetch;
        let mut ids = ids.into_iter();
        let mut in_flight = FuturesUnordered::new();
        loop {
            while in_flight.len() < limit {
                let Some(id) = ids.next() else { break };
                let result = fetch(id);
                in_flight.push(async move { (id, result.await) });
            }
            match in_flight.next().await {
                Some(done) => yield done,
                None => break,
            }
        }
    }
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    async_stream::stream! {
        let mut fetch = fetch;
        let mut ids = ids.into_iter();
        let mut in_flight = FuturesOrdered::new();
        loop {
            while in_flight.len() < limit {
                let Some(id) = ids.next() else { break };
                in_flight.push_back(fetch(id));
            }
            match in_flight.next().await {
                Some(done) => yield done,
                None => break,
            }
        }
    }
}
