// Spawns both futures as tokio tasks and races their `JoinHandle`s: the first to finish
// wins, but dropping the loser's handle does not cancel its task; the loser goes on
// running after `race` returned.
//
// expect: failed
// message: a spawned task is not cancelled

use std::future::Future;
use std::pin::Pin;
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
pub async fn race<A, B>(left: A, right: B) -> Either<A::Output, B::Output>
where
    A: Future + Send + 'static,
    A::Output: Send + 'static,
    B: Future + Send + 'static,
    B::Output: Send + 'static,
{
    let mut left = tokio::spawn(left);
    let mut right = tokio::spawn(right);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = Pin::new(&mut left).poll(cx) {
            return Poll::Ready(Either::Left(output.expect("the left future panicked")));
        }
        if let Poll::Ready(output) = Pin::new(&mut right).poll(cx) {
            return Poll::Ready(Either::Right(output.expect("the right future panicked")));
        }
        Poll::Pending
    })
    .await
}

/// `Some(output)` if `future` finishes within `limit`, else `None` at the deadline (and
/// `future` is dropped).
pub async fn timeout<F>(limit: Duration, future: F) -> Option<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    match race(future, tokio::time::sleep(limit)).await {
        Either::Left(output) => Some(output),
        Either::Right(()) => None,
    }
}
