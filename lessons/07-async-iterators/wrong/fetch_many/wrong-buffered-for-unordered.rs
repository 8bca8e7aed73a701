// Uses `buffered` for the unordered results: within the limit and in 15 s, but a slow
// fetch holds back every result after it, though they are ready.
//
// expect: failed
// message: the results were kept in order

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
    let mut fetch = fetch;
    futures::stream::iter(ids)
        .map(move |id| {
            let result = fetch(id);
            async move { (id, result.await) }
        })
        .buffered(limit)
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    futures::stream::iter(ids).map(fetch).buffered(limit)
}
