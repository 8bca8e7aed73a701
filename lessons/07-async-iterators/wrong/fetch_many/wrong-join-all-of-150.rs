// The lecture's `asyncio.gather` in Rust: a `join_all` of every fetch, then the results
// as a stream. Fast, and every fetch is in flight at once: the limit is ignored.
//
// expect: failed
// message: up to 150 at once, expected at most 10

use std::future::Future;

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
    let _ = limit;
    let mut fetch = fetch;
    let all = futures::future::join_all(ids.into_iter().map(move |id| {
        let result = fetch(id);
        async move { (id, result.await) }
    }));
    futures::stream::once(all).flat_map(futures::stream::iter)
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let _ = limit;
    let all = futures::future::join_all(ids.into_iter().map(fetch));
    futures::stream::once(all).flat_map(futures::stream::iter)
}
