// Keeps a deadline instead of a Sleep and, while it is not reached, wakes its own task
// and returns `Pending`: the task is polled again at once, in a loop, and the paused
// clock never gets the idle runtime it needs to move.
//
// expect: failed
// message: busy-polls

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use tokio::time::Instant;

/// How long each item takes.
pub const TICK: Duration = Duration::from_secs(1);

/// Counts from `start` (excluded) to `end` (included), one number a second.
pub struct CountStream {
    current: u32,
    end: u32,
    deadline: Option<Instant>,
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        CountStream {
            current: start,
            end,
            deadline: None,
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
        let deadline = *this.deadline.get_or_insert_with(|| Instant::now() + TICK);
        if Instant::now() < deadline {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        this.deadline = None;
        this.current += 1;
        Poll::Ready(Some(this.current))
    }
}
