// Fetches with `then`, which awaits each fetch before it starts the next: within the
// limit, but one at a time, like the lecture's `requests` loop.
//
// expect: failed
// message: one after another

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
    futures::stream::iter(ids).then(move |id| {
        let result = fetch(id);
        async move { (id, result.await) }
    })
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let _ = limit;
    futures::stream::iter(ids).then(fetch)
}
