//! # A future that is pending n times and wakes itself
//!
//! Write `poll` for [`YieldTimes`]: a future that returns `Poll::Pending` `n` times, then
//! `Poll::Ready(n)` (it gives back how many times it yielded). Like tokio's
//! `task::yield_now`, it steps aside to let other tasks run, and asks to be polled again.
//!
//! An executor polls a task only when the task's waker has been called: that is the whole
//! contract of `Future::poll`. Returning `Pending` promises "somebody will call
//! `cx.waker()` when it is worth polling me again". Here that somebody is the future
//! itself, since it is ready to go on at once. So:
//!
//! - each time it returns `Pending`, it first wakes the task with
//!   `cx.waker().wake_by_ref()` (exactly once: a `Pending` without a wake leaves the task
//!   asleep forever);
//! - it is polled exactly `n + 1` times by an executor that polls only when woken: `n`
//!   polls return `Pending`, the last one `Ready(n)`;
//! - it never loops inside `poll` (all the `n` steps in one poll is "spinning": it never
//!   lets another task run) and never returns `Pending` more than `n` times (waking itself
//!   forever is busy-polling: the executor burns a CPU core polling it);
//! - polling it again after it returned `Ready` panics (a caller's bug, as with the
//!   compiler's futures).
//!
//! ```text
//! poll 1 -> Pending (woke the waker once)
//! poll 2 -> Pending (woke the waker once)
//! poll 3 -> Ready(2)                        // YieldTimes::new(2): 3 polls, 2 wakes
//! ```
//!
//! On tokio, two `YieldTimes` awaited together (`tokio::join!`) take turns: each
//! `Pending` lets the other one run.

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

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        todo!("Pending (after a wake) while any remain; then Ready(n) and None")
    }
}
