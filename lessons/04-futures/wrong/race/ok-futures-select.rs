// `futures::future::select` on the two futures pinned with `pin!`: it polls the first
// one first, and returns the winner's output with the loser, which is dropped at once
// (the `(output, _)` pattern does not keep it).

use std::future::Future;
use std::pin::pin;
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
    let left = pin!(left);
    let right = pin!(right);
    match futures::future::select(left, right).await {
        futures::future::Either::Left((output, _)) => Either::Left(output),
        futures::future::Either::Right((output, _)) => Either::Right(output),
    }
}

/// `Some(output)` if `future` finishes within `limit`, else `None` at the deadline (and
/// `future` is dropped).
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    match race(future, tokio::time::sleep(limit)).await {
        Either::Left(output) => Some(output),
        Either::Right(()) => None,
    }
}
