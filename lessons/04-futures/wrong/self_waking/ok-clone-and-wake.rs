// Works out how many `Pending`s it has returned so far from what remains, and wakes with
// `cx.waker().clone().wake()` (the owned form of `wake_by_ref`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is `Pending` `n` times, waking itself each time, then `Ready(n)`.
#[derive(Debug)]
pub struct YieldTimes {
    /// How many times it yields in all.
    n: u32,
    /// How many more `Pending`s to return; `None` once it returned `Ready`.
    remaining: Option<u32>,
}

impl YieldTimes {
    /// A future that yields `n` times, then is ready with `n`.
    pub fn new(n: u32) -> YieldTimes {
        YieldTimes {
            n,
            remaining: Some(n),
        }
    }
}

impl Future for YieldTimes {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let polls_so_far = self.n - self.remaining.expect("`YieldTimes` polled after `Ready`");
        if polls_so_far == self.n {
            self.remaining = None;
            return Poll::Ready(self.n);
        }
        self.remaining = Some(self.n - polls_so_far - 1);
        cx.waker().clone().wake();
        Poll::Pending
    }
}
