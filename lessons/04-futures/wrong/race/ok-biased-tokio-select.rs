// tokio's `select!` with `biased;`: the branches are polled in the order written, so the
// left one wins ties; `select!` drops the losing branch's future before it returns.

use std::future::Future;
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
    tokio::select! {
        biased;
        output = left => Either::Left(output),
        output = right => Either::Right(output),
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
