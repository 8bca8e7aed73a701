// Does all the steps in one `poll`, in a loop that wakes the waker each time: the future
// is ready at the first poll and never lets another task run (spinning).
//
// expect: failed
// message: do not loop inside `poll`

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
        let Some(mut left) = self.remaining else {
            panic!("`YieldTimes` polled after it returned `Ready`");
        };
        while left > 0 {
            left -= 1;
            cx.waker().wake_by_ref();
        }
        self.remaining = None;
        Poll::Ready(self.n)
    }
}
