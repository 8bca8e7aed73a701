//! # `gather` and `try_gather`: many futures at once, on one task
//!
//! asyncio's `gather(*aws)` runs awaitables at the same time and returns their results
//! in the order they were given. Write it, and its fail-fast sibling, for any futures,
//! without spawning: one future that polls many.
//!
//! [`gather`] takes futures and returns a future of all their outputs:
//!
//! - **In input order.** `outputs[i]` is the output of the `i`-th future, whatever order
//!   they finish in.
//! - **At the same time.** Each time it is polled, it polls every future that is not
//!   finished yet, with the same `cx` (so any of them can wake the task). Ten futures
//!   that each sleep one second take one second in all, not ten. Awaiting them one after
//!   another (`for f in futures { f.await }`) is the classic mistake.
//! - **Ready when all are.** It returns `Pending` while any future is pending (each of
//!   those arranged a wake-up), and never wakes the task itself (no busy-polling). No
//!   futures at all: ready at once with an empty `Vec`.
//! - **Never polls a finished future again** (that is a bug: many futures panic then):
//!   keep each output as it arrives (a `Vec<Option<Output>>`) and skip the futures that
//!   have one.
//! - **Never blocks.** No `futures::executor::block_on`, no sleeping: a blocked thread
//!   stops every other task of the runtime.
//!
//! [`try_gather`] does the same for futures of `Result<T, E>`: `Ok` with all the values
//! in input order when all succeed; as soon as one fails (the first to fail *in time*;
//! among those failing in the same poll, the first in input order), it returns that
//! `Err` at once, without waiting for the others, and drops the futures that are still
//! running before it returns (dropping a future cancels it: it never runs again).
//!
//! ```text
//! // each `after(s, v)` sleeps s seconds, then returns v
//! gather(vec![after(3, "a"), after(1, "b"), after(2, "c")]).await == ["a", "b", "c"]  // at 3 s
//! try_gather(vec![after(1, Ok(1)), after(3, Err("x")), after(2, Err("y")), after(9, Ok(4))])
//!     .await == Err("y")   // at 2 s; the 3 s and 9 s futures are dropped unfinished
//! ```
//!
//! Hints of the standard library: [`std::future::poll_fn`] makes a future of a closure
//! `|cx| -> Poll<…>`; a future that is not `Unpin` (an `async` block) must be pinned
//! before it is polled: `Box::pin(future)` gives a `Pin<Box<F>>` that
//! `future.as_mut().poll(cx)` polls. (`futures::future::join_all` and `try_join_all` are
//! the library's versions: write your own here.)

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// All the outputs of `futures`, in input order; they run at the same time.
pub async fn gather<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    todo!("pin them all; in each poll, poll the unfinished ones; Ready when all are")
}

/// All the values of `futures` in input order, or the first error to happen, returned at
/// once (the unfinished futures are dropped).
pub async fn try_gather<T, E, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>>,
{
    todo!("as gather; on the first Err, return it at once (the rest are dropped)")
}
