// "Yields" by sleeping the thread a millisecond `n` times inside one `poll`: blocking
// inside a future. The executor's thread stops, and no other task runs meanwhile.
//
// expect: failed
// message: no other task runs meanwhile

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
        let Some(left) = self.remaining else {
            panic!("`YieldTimes` polled after it returned `Ready`");
        };
        for _ in 0..left {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        self.remaining = None;
        Poll::Ready(self.n)
    }
}
