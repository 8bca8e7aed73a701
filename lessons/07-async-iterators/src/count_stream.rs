//! # The lecture's `AsyncIterator(1, 5)` as a hand-written `Stream`
//!
//! The lecture's Python class counts from `start` to `end`, one number a second:
//!
//! ```python
//! class AsyncIterator:
//!     def __init__(self, start, end):
//!         self.current = start
//!         self.end = end
//!     def __aiter__(self):
//!         return self
//!     async def __anext__(self):
//!         if self.current >= self.end:
//!             raise StopAsyncIteration
//!         await asyncio.sleep(1)
//!         self.current += 1
//!         return self.current
//! ```
//!
//! Write [`CountStream`], the same async iterator as a [`futures::Stream`] implemented by
//! hand (no `async-stream`, no `futures::stream::unfold`): a struct and its `poll_next`.
//!
//! - `CountStream::new(start, end)` creates it and does nothing else (no timer starts).
//! - It yields `start + 1`, `start + 2`, …, `end`, each one **one second** (of
//!   `tokio::time`) after it was asked for: `CountStream::new(1, 5)` yields 2, 3, 4, 5 at
//!   1 s, 2 s, 3 s and 4 s when it is read in a loop. When `start >= end` it yields nothing.
//! - It checks the end *before* it waits, like `__anext__`: after 5 the stream returns
//!   `Ready(None)` at once (at 4 s), without a last second of waiting.
//! - `poll_next` never blocks the thread: it waits with a [`tokio::time::Sleep`] kept in
//!   the struct (`Pin<Box<Sleep>>`: a `Sleep` must be pinned before it is polled, and a
//!   `Box` pins it while keeping `CountStream` `Unpin`). When it returns `Pending`, it has
//!   polled that `Sleep`, which registered the task's waker: the task is woken when the
//!   second is over, not before, and not never.
//! - A `poll_next` may be called again before the second is over (a *spurious* poll,
//!   when something else woke the task): it must not start the second over. The deadline
//!   of an item is fixed when the item is first asked for.
//! - Once it has returned `Ready(None)`, every later `poll_next` returns `Ready(None)`
//!   again, at once: no panic, no more items, no `Pending`.
//!
//! ```text
//! let mut numbers = CountStream::new(1, 5);
//! while let Some(n) = numbers.next().await { println!("{n}") }   // 2, 3, 4, 5; one a second
//! assert_eq!(numbers.next().await, None);                         // and it stays ended
//! ```

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;

/// How long each item takes.
pub const TICK: Duration = Duration::from_secs(1);

/// Counts from `start` (excluded) to `end` (included), one number a second.
pub struct CountStream {
    // The fields you need: where the count stands, where it ends, the pending Sleep.
}

impl CountStream {
    /// A stream of `start + 1 ..= end`; it starts no timer.
    pub fn new(start: u32, end: u32) -> CountStream {
        todo!("store the state; no timer yet")
    }
}

impl Stream for CountStream {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        todo!("the end first; then the item's Sleep, created once and polled")
    }
}
