// One Sleep for the whole stream, created in `new` far in the future and `reset` to
// one second from now when an item is first asked for; a flag says whether an item is
// being waited for.

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
    waiting: bool,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
            sleep: Box::pin(tokio::time::sleep(Duration::from_secs(86_400))),
            waiting: false,
        }
    }
}

impl Stream for CountStream {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.current >= self.end {
            return Poll::Ready(None);
        }
        if !self.waiting {
            self.waiting = true;
            let deadline = tokio::time::Instant::now() + TICK;
            self.sleep.as_mut().reset(deadline);
        }
        futures::ready!(self.sleep.as_mut().poll(cx));
        self.waiting = false;
        self.current += 1;
        Poll::Ready(Some(self.current))
    }
}
