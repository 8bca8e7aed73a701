// Uses `buffer_unordered` for the ordered results too, as if its results came in the
// order of the ids: they come in the order the fetches complete.
//
// expect: failed
// message: out of order

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
        .buffer_unordered(limit)
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    futures::stream::iter(ids)
        .map(fetch)
        .buffer_unordered(limit)
}
