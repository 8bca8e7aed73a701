//! # Pagination with `try_stream!`
//!
//! An API lists its items a page at a time: page 1 holds the first items and the number
//! of the next page, and so on until a page says there is no next one. Write
//! [`paginate`], which turns such an API into one stream of items, with
//! `async_stream::try_stream!`.
//!
//! - `paginate(fetch)` calls `fetch(1)` for the first page, then `fetch(n)` for each
//!   `next: Some(n)` a page names, until a page has `next: None`.
//! - It yields the items of each page, one by one, in order, as `Ok(item)`. A page may be
//!   empty and still name a next page: the listing goes on (only `next: None` ends it).
//! - It is lazy: it fetches a page only when an item of it is asked for. Creating the
//!   stream fetches nothing; taking the items of page 1 fetches page 1 only, and the
//!   first item of page 2 is what makes it fetch page 2.
//! - When a fetch fails, the stream yields that error (`Err(FetchError)`) after the items
//!   of the pages before, and **ends**: no page is fetched after the failed one, and the
//!   next poll returns `None`. The `?` operator inside `try_stream!` does exactly that;
//!   `try_stream!` never goes on after an error.
//!
//! ```text
//! pages: 1 → [1, 2], next 2;  2 → [3], next 3;  3 → fails: "server error"
//! paginate(fetch) yields Ok(1), Ok(2), Ok(3), Err(FetchError { page: 3, .. }), then ends
//! ```

use std::future::Future;

use futures::Stream;

/// One page of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The items on this page (maybe none).
    pub items: Vec<u32>,
    /// The number of the next page, or `None` on the last page.
    pub next: Option<u32>,
}

/// A page that could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page {page} failed: {reason}")]
pub struct FetchError {
    /// The page that failed.
    pub page: u32,
    /// Why.
    pub reason: String,
}

/// Every item of every page, fetched page by page as the items are asked for.
pub fn paginate<F, Fut>(fetch: F) -> impl Stream<Item = Result<u32, FetchError>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<Page, FetchError>>,
{
    todo!("try_stream! {{ … }}: fetch a page with `?`, yield its items, follow `next`");
    futures::stream::empty() // only here so that the starter compiles: replace it too
}
