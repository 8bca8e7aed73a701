// Treats the stream like a future: once it has returned `Ready(None)` it panics
// "polled after completion" when polled again. The `Stream` trait allows that, but this
// stream must stay ended (as a `FusedStream` does).
//
// expect: failed
// message: panicked when polled again after the end

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
    done: bool,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
            sleep: None,
            done: false,
        }
    }
}

impl Stream for CountStream {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        assert!(!this.done, "CountStream polled after completion");
        if this.current >= this.end {
            this.done = true;
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
