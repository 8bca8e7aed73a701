//! # `race`: the first future to finish wins, the loser is cancelled
//!
//! asyncio's `wait(…, return_when=FIRST_COMPLETED)` and tokio's `select!` run futures at
//! the same time and go on with the first one that finishes. Write [`race`] for two
//! futures, then [`timeout`] with it.
//!
//! [`race(left, right)`](race) is a future of `Either<left's output, right's output>`:
//!
//! - **Both at the same time.** Each poll polls `left`, then `right`, with the `cx` it
//!   was given. The first to be ready wins: `Either::Left(output)` or
//!   `Either::Right(output)`.
//! - **Ties go left.** `left` is polled first, and when it is ready `right` is not polled
//!   at all in that poll: when both would be ready, `Left` wins. (tokio's `select!` picks
//!   at random among ready branches unless told `biased;`.)
//! - **The loser is dropped at once**, before `race` returns: dropping a future cancels
//!   it, it never runs again. (Spawning the two as tasks does not do that: dropping a
//!   `JoinHandle` leaves its task running.)
//! - **Pending until one is ready**, without waking the task itself (no busy-polling)
//!   and without blocking the thread.
//!
//! [`timeout(limit, future)`](timeout) is `Some(output)` if `future` finishes within
//! `limit` (on tokio's clock: `tokio::time::sleep(limit)`), else `None`, returned at the
//! deadline, with `future` dropped (cancelled). A future that is ready exactly at the
//! deadline wins: race it as the *left* side against the sleep.
//!
//! ```text
//! // `after(s, v)` sleeps s seconds, then returns v
//! race(after(2, "slow"), after(1, "fast")).await == Either::Right("fast")   // at 1 s
//! race(async { 1 }, async { 2 }).await == Either::Left(1)                   // a tie
//! timeout(Duration::from_secs(1), after(5, "late")).await == None           // at 1 s
//! timeout(Duration::from_secs(1), after(1, "just")).await == Some("just")
//! ```
//!
//! Write `race` with [`std::future::poll_fn`] and pinned futures (`std::pin::pin!` or
//! `Box::pin`), or with a library combinator (`futures::future::select`, tokio's
//! `select!` with `biased;`) if you like, as long as every rule above holds.

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
    todo!("pin both; each poll: left first, then right; the first Ready wins")
}

/// `Some(output)` if `future` finishes within `limit`, else `None` at the deadline (and
/// `future` is dropped).
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    todo!("race the future (left, so it wins a tie) against a sleep")
}
