//! # An `async fn` desugared into a `Future` by hand
//!
//! Write by hand the state machine that the compiler makes of the `async fn` [`sum_two`]
//! (the `Future` implementation of [`SumTwo`]), and [`poll_to_end`], a minimal executor
//! that polls a future with a no-op waker and counts the polls.
//!
//! The compiler turns an `async fn` into a state machine, as you turned generators into
//! structs in this lesson: an enum with one variant per place where the function can be
//! suspended (each `.await`), holding the variables alive there, and a `poll` method that
//! resumes it. This is the function to desugar, [`sum_two`]:
//!
//! ```text
//! pub async fn sum_two<A, B>(first: A, second: B) -> u32
//! where A: Future<Output = u32>, B: Future<Output = u32>,
//! {
//!     let a = first.await;
//!     let b = second.await;
//!     a + b
//! }
//! ```
//!
//! 1. Write `impl Future for SumTwo<A, B>`: the enum [`SumTwo`] is given, with one variant
//!    per state. Each `poll` resumes where the last one stopped: poll the future being
//!    awaited with the `cx` you were given; if it is `Pending`, return `Pending` (it has
//!    arranged to wake the task); if it is ready, move on to the next state *in the same
//!    `poll`*, as the `async fn` does, and keep going. Polling a `Done` future is a bug of
//!    the caller: panic, as the compiler's futures do ("`async fn` resumed after
//!    completion").
//! 2. Write [`poll_to_end`], the simplest executor there is: poll a future again and
//!    again, with a waker that does nothing ([`std::task::Waker::noop`]), until it is
//!    ready, and return its output and how many times it was polled. (A real executor
//!    sleeps until the waker is called instead of polling in a loop.)
//!
//! `SumTwo` must behave exactly like `sum_two`: the same result, `second` polled only once
//! `first` is done, and the same number of polls. [`Later`] is a future for trying it
//! out: `Later::new(value, pending)` is `Pending` `pending` times, then ready with `value`.
//!
//! ```text
//! let future = SumTwo::new(Later::new(1, 2), Later::new(2, 3));
//! poll_to_end(future) == (3, 6)   // pending 2 + 3 times, then ready: 6 polls
//! poll_to_end(sum_two(Later::new(1, 2), Later::new(2, 3))) == (3, 6)   // the same
//! ```

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// The `async fn` that [`SumTwo`] desugars by hand.
pub async fn sum_two<A, B>(first: A, second: B) -> u32
where
    A: Future<Output = u32>,
    B: Future<Output = u32>,
{
    let a = first.await;
    let b = second.await;
    a + b
}

/// The state machine of [`sum_two`]: one variant per state.
///
/// `A` and `B` must be `Unpin` here: then `SumTwo` is `Unpin` too, `poll` can use
/// `Pin::get_mut` to reach its fields and `Pin::new` to poll them, all in safe code. (The
/// compiler's own state machines also hold futures that are not `Unpin`; that needs
/// `unsafe` pin projections, or the `pin-project` crate.)
#[derive(Debug)]
pub enum SumTwo<A, B> {
    /// Created, or suspended at `first.await`: both futures are still to be awaited.
    AwaitingFirst { first: A, second: B },
    /// Suspended at `second.await`, with `a`, the output of `first`.
    AwaitingSecond { a: u32, second: B },
    /// Returned its output: it must not be polled again.
    Done,
}

impl<A, B> SumTwo<A, B> {
    /// The future of `sum_two(first, second)`, not yet polled: nothing has run.
    pub fn new(first: A, second: B) -> SumTwo<A, B> {
        SumTwo::AwaitingFirst { first, second }
    }
}

impl<A, B> Future for SumTwo<A, B>
where
    A: Future<Output = u32> + Unpin,
    B: Future<Output = u32> + Unpin,
{
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // begin solution: resume in the current state; on Ready, move on in the same poll
        let this = self.get_mut();
        loop {
            match this {
                SumTwo::AwaitingFirst { first, .. } => {
                    let Poll::Ready(a) = Pin::new(first).poll(cx) else {
                        return Poll::Pending;
                    };
                    // Move `second` out of the old state into the new one.
                    let SumTwo::AwaitingFirst { second, .. } =
                        std::mem::replace(this, SumTwo::Done)
                    else {
                        unreachable!("the state was AwaitingFirst")
                    };
                    *this = SumTwo::AwaitingSecond { a, second };
                }
                SumTwo::AwaitingSecond { a, second } => {
                    let Poll::Ready(b) = Pin::new(second).poll(cx) else {
                        return Poll::Pending;
                    };
                    let sum = *a + b;
                    *this = SumTwo::Done;
                    return Poll::Ready(sum);
                }
                SumTwo::Done => panic!("`SumTwo` polled after it completed"),
            }
        }
        // end solution
    }
}

/// Polls `future` with a no-op waker until it is ready: its output, and the number of
/// polls it took.
pub fn poll_to_end<F: Future>(future: F) -> (F::Output, u32) {
    // begin solution: pin the future, poll it in a loop with a no-op waker, count the polls
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
    }
    // end solution
}

/// A future that is `Pending` a given number of times, then ready with its value.
///
/// Every time it is `Pending`, it first wakes the task (`cx.waker().wake_by_ref()`), as
/// tokio's `yield_now` does: "poll me again soon".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Later {
    value: u32,
    pending: u32,
}

impl Later {
    /// A future that returns `Pending` `pending` times, then `Ready(value)`.
    pub fn new(value: u32, pending: u32) -> Later {
        Later { value, pending }
    }
}

impl Future for Later {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.pending == 0 {
            Poll::Ready(self.value)
        } else {
            self.pending -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
