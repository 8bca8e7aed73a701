// Runs the fetches with `buffer_unordered` but collects every result into a `Vec`
// before handing them out: a stream in name only; nothing comes until everything is done.
//
// expect: failed
// message: collecting the results before yielding them

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
    let all = futures::stream::iter(ids)
        .map(move |id| {
            let result = fetch(id);
            async move { (id, result.await) }
        })
        .buffer_unordered(limit)
        .collect::<Vec<_>>();
    futures::stream::once(all).flat_map(futures::stream::iter)
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    futures::stream::iter(ids).map(fetch).buffered(limit)
}
