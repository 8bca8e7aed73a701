// Waits the second first and checks the end afterwards: the numbers are right, but the
// end comes a second late, and every poll after the end waits another second.
//
// expect: failed
// message: check the end *before*

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
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(TICK)));
        if sleep.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        this.sleep = None;
        if this.current >= this.end {
            return Poll::Ready(None);
        }
        this.current += 1;
        Poll::Ready(Some(this.current))
    }
}
