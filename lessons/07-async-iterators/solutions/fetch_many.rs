//! # 150 fetches, at most 10 in flight
//!
//! The lecture fetches the 150 original Pokémon: one after another with `requests` it
//! takes minutes; with `asyncio.gather` of 150 tasks it takes a second, and fires 150
//! requests at the server at once. A polite client keeps a limit: at most 10 requests in
//! flight, a new one starting as soon as one finishes.
//!
//! Write both functions with `futures::StreamExt` (see the lesson text): a stream of the
//! fetches (`futures::stream::iter(ids).map(…)`, each item a future that is not started
//! yet), run by an adapter that keeps `limit` of them in flight.
//!
//! 1. [`fetch_unordered`] calls `fetch(id)` for every id, with at most `limit` fetches in
//!    flight at any moment, and yields `(id, result)` for each fetch **as soon as it
//!    completes**, in the order they complete. A slow fetch does not hold anything up:
//!    the results of the fast ones are yielded while it runs, and its slot is the only
//!    one it occupies; a new fetch starts as soon as any one finishes (not when a whole
//!    batch of 10 has finished). `buffer_unordered` does exactly this.
//! 2. [`fetch_ordered`] does the same, but yields the results **in the order of `ids`**
//!    (without the ids): the result of `ids[0]` first, even when it finishes last.
//!    `buffered` does this; `buffer_unordered` does not keep the order.
//!
//! Both use the limit fully: 150 fetches of one second each with a limit of 10 take
//! exactly 15 s (of `tokio::time`), never more than 10 in flight; not 150 s (one after
//! another), and not 1 s (all 150 at once, as a `join_all` of 150 does). Both are lazy:
//! creating the stream starts no fetch.
//!
//! ```text
//! fetch_unordered((1..=150).collect(), 10, get_pokemon)   // 15 s: (3, "venusaur"), (1, …), …
//! fetch_ordered((1..=150).collect(), 10, get_pokemon)     // 15 s: "bulbasaur", "ivysaur", …
//! ```

use std::future::Future;

use futures::Stream;
// begin solution
use futures::StreamExt;
// starter:
// end solution

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
    // begin solution
    let mut fetch = fetch;
    futures::stream::iter(ids)
        .map(move |id| {
            let result = fetch(id);
            async move { (id, result.await) }
        })
        .buffer_unordered(limit)
    // starter:
    // todo!("stream::iter(ids).map(…).buffer_unordered(limit)");
    // futures::stream::empty() // only here so that the starter compiles: replace it too
    // end solution
}

/// Fetches every id, at most `limit` at once; yields the results in the order of `ids`.
pub fn fetch_ordered<F, Fut, T>(ids: Vec<u32>, limit: usize, fetch: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    // begin solution
    futures::stream::iter(ids).map(fetch).buffered(limit)
    // starter:
    // todo!("stream::iter(ids).map(fetch).buffered(limit)");
    // futures::stream::empty() // only here so that the starter compiles: replace it too
    // end solution
}
