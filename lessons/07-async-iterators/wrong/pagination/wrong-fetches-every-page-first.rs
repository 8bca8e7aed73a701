// Fetches every page into a `Vec` first and yields the items afterwards: not lazy, and
// when page 3 fails the items of pages 1 and 2 are never yielded.
//
// expect: failed
// message: not ahead

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
    async_stream::try_stream! {
        let mut fetch = fetch;
        let mut all = Vec::new();
        let mut next = Some(1);
        while let Some(number) = next {
            let page = fetch(number).await?;
            all.extend(page.items);
            next = page.next;
        }
        for item in all {
            yield item;
        }
    }
}
