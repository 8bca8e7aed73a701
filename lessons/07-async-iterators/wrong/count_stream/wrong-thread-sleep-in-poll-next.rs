// Waits with `std::thread::sleep` inside `poll_next`, as a synchronous iterator would:
// the whole runtime thread stops for a second per item, and tokio's clock does not move.
//
// expect: failed
// message: std::thread::sleep

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;

/// How long each item takes.
pub const TICK: Duration = Duration::from_secs(1);

/// Counts from `start` (excluded) to `end` (included), one number a second.
pub struct CountStream {
    current: u32,
    end: u32,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
        }
    }
}

impl Stream for CountStream {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        if this.current >= this.end {
            return Poll::Ready(None);
        }
        std::thread::sleep(TICK);
        this.current += 1;
        Poll::Ready(Some(this.current))
    }
}
