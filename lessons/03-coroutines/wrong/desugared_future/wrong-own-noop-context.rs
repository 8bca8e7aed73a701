// Polls the awaited futures with a `Context` of its own, made from `Waker::noop()`,
// instead of the `cx` it was given: their wake-ups go nowhere, and a real executor never
// polls the task again.
//
// expect: failed
// message: nothing woke the task's waker

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
        let _ = cx;
        let cx = &mut Context::from_waker(Waker::noop());
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
    }
}

/// Polls `future` with a no-op waker until it is ready: its output, and the number of
/// polls it took.
pub fn poll_to_end<F: Future>(future: F) -> (F::Output, u32) {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
    }
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
