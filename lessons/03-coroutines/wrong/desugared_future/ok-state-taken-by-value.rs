// Takes the state out by value on every poll (`std::mem::replace` with `Done`) and puts
// the right state back before each return, instead of matching on `&mut` fields; the
// executor pins the future on the heap with `Box::pin`.

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
        let this = self.get_mut();
        loop {
            match std::mem::replace(this, SumTwo::Done) {
                SumTwo::AwaitingFirst { mut first, second } => {
                    match Pin::new(&mut first).poll(cx) {
                        Poll::Ready(a) => *this = SumTwo::AwaitingSecond { a, second },
                        Poll::Pending => {
                            *this = SumTwo::AwaitingFirst { first, second };
                            return Poll::Pending;
                        }
                    }
                }
                SumTwo::AwaitingSecond { a, mut second } => match Pin::new(&mut second).poll(cx) {
                    Poll::Ready(b) => return Poll::Ready(a + b),
                    Poll::Pending => {
                        *this = SumTwo::AwaitingSecond { a, second };
                        return Poll::Pending;
                    }
                },
                SumTwo::Done => panic!("`SumTwo` polled after it completed"),
            }
        }
    }
}

/// Polls `future` with a no-op waker until it is ready: its output, and the number of
/// polls it took.
pub fn poll_to_end<F: Future>(future: F) -> (F::Output, u32) {
    let mut future = Box::pin(future);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    (1..)
        .find_map(|polls| match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => Some((output, polls)),
            Poll::Pending => None,
        })
        .expect("u32 polls are enough")
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
