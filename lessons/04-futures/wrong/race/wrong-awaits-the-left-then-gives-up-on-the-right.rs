// Awaits the left future and returns its output, believing the right one runs meanwhile
// on its own: futures are lazy, the right one never runs, and a faster right future
// loses.
//
// expect: failed
// message: the first to finish wins

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
    drop(right);
    Either::Left(left.await)
}

/// `Some(output)` if `future` finishes within `limit`, else `None` at the deadline (and
/// `future` is dropped).
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    match race(future, tokio::time::sleep(limit)).await {
        Either::Left(output) => Some(output),
        Either::Right(()) => None,
    }
}
