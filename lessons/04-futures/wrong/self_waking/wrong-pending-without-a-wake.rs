// Returns `Pending` without waking the waker, believing the executor polls every
// pending future again by itself: a real executor polls only when woken, so the task
// sleeps forever.
//
// expect: failed
// message: without waking the waker

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

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u32> {
        match self.remaining {
            None => panic!("`YieldTimes` polled after it returned `Ready`"),
            Some(0) => {
                self.remaining = None;
                Poll::Ready(self.n)
            }
            Some(left) => {
                self.remaining = Some(left - 1);
                Poll::Pending
            }
        }
    }
}
