// Fetches the next page before yielding the items of the current one, to have it ready:
// a page is fetched before anyone asked for its items.
//
// expect: failed
// message: only page 1 was fetched

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
        let mut page = fetch(1).await?;
        loop {
            let following = match page.next {
                Some(number) => Some(fetch(number).await?),
                None => None,
            };
            for item in page.items {
                yield item;
            }
            match following {
                Some(next_page) => page = next_page,
                None => break,
            }
        }
    }
}
