// Splits the ids into batches of `limit` and runs a `join_all` per batch: never more
// than 10 in flight, but each batch waits for its slowest fetch before the next starts.
//
// expect: failed
// message: ran in batches

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
    let batches: Vec<Vec<u32>> = ids.chunks(limit).map(<[u32]>::to_vec).collect();
    futures::stream::iter(batches)
        .then(move |batch| {
            let fetches: Vec<_> = batch
                .into_iter()
                .map(|id| {
                    let result = fetch(id);
                    async move { (id, result.await) }
                })
                .collect();
            futures::future::join_all(fetches)
        })
        .flat_map(futures::stream::iter)
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    futures::stream::iter(ids).map(fetch).buffered(limit)
}
