// Ends the listing quietly when a page fails (`let Ok(page) = … else { break }`): the
// caller cannot tell a failed listing from a complete one.
//
// expect: failed
// message: yielded no error

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
        let mut next = Some(1);
        while let Some(number) = next {
            let Ok(page) = fetch(number).await else {
                break;
            };
            for item in page.items {
                yield item;
            }
            next = page.next;
        }
    }
}
