// Writes the loop with `stream!`, yields a failed page as `Err` and moves on to the
// page after it, as if `try_stream!` (or a listing) went on after an error.
//
// expect: failed
// message: the stream went on

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
    async_stream::stream! {
        let mut fetch = fetch;
        let mut next = Some(1);
        while let Some(number) = next {
            match fetch(number).await {
                Ok(page) => {
                    for item in page.items {
                        yield Ok(item);
                    }
                    next = page.next;
                }
                Err(error) => {
                    yield Err(error);
                    next = Some(number + 1);
                }
            }
        }
    }
}
