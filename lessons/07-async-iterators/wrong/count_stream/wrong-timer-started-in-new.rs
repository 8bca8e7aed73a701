// Creates the first Sleep in `new` and resets it after each item: the first second is
// counted from the stream's creation, not from when the first item is asked for.
//
// expect: failed
// message: not in `new`

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
    sleep: Pin<Box<Sleep>>,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
            sleep: Box::pin(tokio::time::sleep(TICK)),
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
        match this.sleep.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                let next = this.sleep.deadline() + TICK;
                this.sleep.as_mut().reset(next);
                this.current += 1;
                Poll::Ready(Some(this.current))
            }
        }
    }
}
