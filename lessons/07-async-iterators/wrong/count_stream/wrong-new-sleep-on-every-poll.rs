// Creates a fresh Sleep on every `poll_next` and polls it: the waker is registered, but
// every poll (a spurious one too) starts the second over, so the deadline keeps moving.
//
// expect: failed
// message: started the second over

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use tokio::time::Sleep;

/// How long each item takes.
pub const TICK: Duration = Duration::from_secs(1);

/// Counts from `start` (excluded) to `end` (included), one number a second.
pub struct CountStream {
    current: u32,
    end: u32,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
            sleep: None,
        }
    }
}

impl Stream for CountStream {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        if this.current >= this.end {
            return Poll::Ready(None);
        }
        let sleep = this.sleep.insert(Box::pin(tokio::time::sleep(TICK)));
        match sleep.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                this.current += 1;
                Poll::Ready(Some(this.current))
            }
        }
    }
}
