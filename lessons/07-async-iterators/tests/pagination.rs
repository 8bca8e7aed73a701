//! Exercise `pagination`: a paginated listing as a stream with `try_stream!`.
//!
//! A fake API counts its fetches and answers from a script of pages (some failing). The
//! tests read the stream item by item and check the items, the error, and which pages
//! were fetched when: lazily, and nothing after an error.

use std::cell::RefCell;
use std::future::{Ready, ready};
use std::pin::pin;
use std::rc::Rc;

use futures::StreamExt;
use lesson_07_async_iterators::pagination::{FetchError, Page, paginate};
use pretty_assertions::assert_eq;

/// A scripted API: page `n` is `script[n - 1]`; the pages fetched are recorded.
#[derive(Clone)]
struct Api {
    script: Rc<Vec<Result<Page, FetchError>>>,
    fetched: Rc<RefCell<Vec<u32>>>,
}

impl Api {
    fn new(script: Vec<Result<Page, FetchError>>) -> Api {
        Api {
            script: Rc::new(script),
            fetched: Rc::default(),
        }
    }

    fn fetch(&self) -> impl FnMut(u32) -> Ready<Result<Page, FetchError>> + use<> {
        let api = self.clone();
        move |number| {
            api.fetched.borrow_mut().push(number);
            let page = api
                .script
                .get(number as usize - 1)
                .cloned()
                .unwrap_or_else(|| Err(failure(number, "no such page")));
            ready(page)
        }
    }

    fn fetched(&self) -> Vec<u32> {
        self.fetched.borrow().clone()
    }
}

fn page(items: &[u32], next: Option<u32>) -> Result<Page, FetchError> {
    Ok(Page {
        items: items.to_vec(),
        next,
    })
}

fn failure(page: u32, reason: &str) -> FetchError {
    FetchError {
        page,
        reason: reason.to_string(),
    }
}

/// Pages 1 and 2, then page 3 fails; page 4 would answer.
fn failing_on_page_3() -> Api {
    Api::new(vec![
        page(&[1, 2], Some(2)),
        page(&[3], Some(3)),
        Err(failure(3, "server error")),
        page(&[4, 5], None),
    ])
}

#[graded::test(tokio)]
async fn pages_are_fetched_when_needed() {
    let api = Api::new(vec![
        page(&[1, 2], Some(2)),
        page(&[3, 4], Some(3)),
        page(&[5], None),
    ]);
    let mut items = pin!(paginate(api.fetch()));
    assert_eq!(
        api.fetched(),
        Vec::<u32>::new(),
        "creating the stream fetched pages: nothing is fetched before the first item is \
         asked for"
    );
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(
        api.fetched(),
        vec![1],
        "after the two items of page 1, only page 1 was fetched: a page is fetched when \
         its first item is asked for, not ahead"
    );
    assert_eq!(items.next().await, Some(Ok(3)));
    assert_eq!(api.fetched(), vec![1, 2], "the third item fetched page 2");
}

#[graded::test(tokio)]
async fn the_error_ends_the_stream() {
    let api = failing_on_page_3();
    let items: Vec<Result<u32, FetchError>> = paginate(api.fetch()).take(20).collect().await;
    let error_at = items.iter().position(Result::is_err);
    let Some(error_at) = error_at else {
        panic!(
            "page 3 fails, but the stream yielded no error: {items:?}. A failed page is \
             yielded as `Err(error)` (the `?` in `try_stream!` does it), never skipped"
        );
    };
    assert!(
        error_at + 1 == items.len(),
        "after the error of page 3 the stream went on and yielded {:?}: it must end with \
         the error. `try_stream!` ends at the first `?` that fails; a `stream!` that yields \
         `Err` and loops on does not",
        &items[error_at + 1..]
    );
    assert_eq!(
        api.fetched(),
        vec![1, 2, 3],
        "no page may be fetched after the failed one"
    );
    assert_eq!(
        items,
        vec![Ok(1), Ok(2), Ok(3), Err(failure(3, "server error"))],
        "the items of pages 1 and 2 come first, one by one, then the error of page 3"
    );
}

#[graded::test(tokio)]
async fn items_come_before_the_error() {
    let api = failing_on_page_3();
    let mut items = pin!(paginate(api.fetch()));
    let first = items.next().await;
    assert_eq!(
        first,
        Some(Ok(1)),
        "the first item is 1, from page 1: the items of the pages before a failed one \
         are yielded before its error (a stream that fetches every page first, and only \
         then yields, gives the error first)"
    );
    let _ = items.next().await;
    let _ = items.next().await;
    let _ = items.next().await;
    assert_eq!(
        items.next().await,
        None,
        "after the error the next poll returns `None`"
    );
}

#[graded::test(tokio)]
async fn every_item_of_every_page() {
    let api = Api::new(vec![
        page(&[10, 11], Some(2)),
        page(&[], Some(3)),
        page(&[12], Some(5)),
        Err(failure(4, "page 4 is not in the listing")),
        page(&[13, 14, 15], None),
    ]);
    let items: Vec<Result<u32, FetchError>> = paginate(api.fetch()).take(20).collect().await;
    assert_eq!(
        items,
        vec![Ok(10), Ok(11), Ok(12), Ok(13), Ok(14), Ok(15)],
        "pages 1, 2 (empty), 3 and 5 in the order the pages name them: an empty page \
         does not end the listing (only `next: None` does), and the next page is the one \
         `next` names, not the one after"
    );
    assert_eq!(api.fetched(), vec![1, 2, 3, 5], "the pages fetched");
}

#[graded::test(tokio)]
async fn a_single_page() {
    let api = Api::new(vec![page(&[7], None)]);
    let items: Vec<Result<u32, FetchError>> = paginate(api.fetch()).take(20).collect().await;
    assert_eq!(items, vec![Ok(7)], "one page, one item");
    assert_eq!(api.fetched(), vec![1], "`next: None` ends the listing");
    let api = Api::new(vec![Err(failure(1, "down"))]);
    let items: Vec<Result<u32, FetchError>> = paginate(api.fetch()).take(20).collect().await;
    assert_eq!(
        items,
        vec![Err(failure(1, "down"))],
        "when page 1 fails, the error is the only item"
    );
}
