// Races the sleep as the left side and the future as the right one: a future that is
// ready exactly at the deadline loses the tie to the sleep, and timeout gives up on it.
//
// expect: failed
// message: race the future as the LEFT side

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

/// One of two values: the output of the left or of the right future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Either<L, R> {
    /// The left future finished first (or at the same time as the right one).
    Left(L),
    /// The right future finished first.
    Right(R),
}

/// Runs `left` and `right` at the same time: the output of the first to finish; the
/// other one is dropped. Ties go to `left`.
pub async fn race<A: Future, B: Future>(left: A, right: B) -> Either<A::Output, B::Output> {
    let mut left = pin!(left);
    let mut right = pin!(right);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = left.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(output));
        }
        if let Poll::Ready(output) = right.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(output));
        }
        Poll::Pending
    })
    .await
}

/// `Some(output)` if `future` finishes within `limit`, else `None` at the deadline (and
/// `future` is dropped).
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    match race(tokio::time::sleep(limit), future).await {
        Either::Left(()) => None,
        Either::Right(output) => Some(output),
    }
}
