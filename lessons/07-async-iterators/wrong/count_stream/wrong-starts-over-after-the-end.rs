// Rewinds to `start` when it reaches the end, so that the stream "can be read again":
// after `Ready(None)` the next poll starts counting anew, and more items follow the end.
//
// expect: failed
// message: it ended, and stays ended

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
    start: u32,
    current: u32,
    end: u32,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            start,
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
            this.current = this.start;
            return Poll::Ready(None);
        }
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(TICK)));
        match sleep.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                this.sleep = None;
                this.current += 1;
                Poll::Ready(Some(this.current))
            }
        }
    }
}
