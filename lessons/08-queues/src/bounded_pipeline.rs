//! # A producer and a consumer on a bounded queue
//!
//! A queue between a fast producer and a slow consumer must be *bounded*: when it is full,
//! the producer waits until the consumer has taken an item. That waiting is called
//! backpressure; without it the queue grows until memory runs out.
//!
//! 1. Write [`bounded`], [`Producer::send`] and [`Consumer::recv`], a bounded queue of
//!    `capacity` items (`capacity` is at least 1; [`tokio::sync::mpsc`] does the work):
//!    - `send` stores the item at once while fewer than `capacity` items wait in the
//!      queue. When the queue is full, `send` is *pending* until the consumer receives an
//!      item, and the consumer's `recv` is what wakes it (no polling in a loop, no
//!      dropping the item, no queue bigger than `capacity`).
//!    - A [`Producer`] can be cloned: every clone sends into the same queue.
//!    - `recv` returns the items in the order they were sent; it waits while the queue is
//!      empty, and returns `None` once every `Producer` (every clone) has been dropped and
//!      the queue is empty.
//!    - `send` returns `Err(Closed(item))`, handing the item back, when the `Consumer`
//!      has been dropped.
//! 2. Write [`run_pipeline`]: a producer task sends `items` in order, one after another,
//!    into a queue of `capacity`, and notes, for each item, when its `send` completed
//!    (time since `run_pipeline` started, on tokio's clock, [`tokio::time::Instant`]). A
//!    consumer task receives the items one by one and, after receiving each, handles it
//!    by sleeping `per_item` ([`tokio::time::sleep`]). Both run at the same time;
//!    `run_pipeline` returns when the consumer has handled every item, with the items in
//!    the order handled and the send instants.
//!
//! With `capacity` 2, six items and one second per item, the first three sends complete
//! at once (two fill the queue, and the consumer takes the first at once), then each
//! send waits for the consumer to take the next item, one per second:
//!
//! ```text
//! run_pipeline(vec![0, 1, 2, 3, 4, 5], 2, 1 s)
//!   == Report { handled: [0, 1, 2, 3, 4, 5], sent_at: [0 s, 0 s, 0 s, 1 s, 2 s, 3 s] }
//! ```

use std::time::Duration;

/// The item handed back by [`Producer::send`] when the consumer is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed<T>(pub T);

/// The sending end of a bounded queue; clone it for more producers.
#[derive(Debug)]
pub struct Producer<T> {
    // The fields you need.
    _todo: std::marker::PhantomData<T>,
}

// Written by hand: `#[derive(Clone)]` would require `T: Clone`.
impl<T> Clone for Producer<T> {
    fn clone(&self) -> Self {
        todo!("another producer on the same queue")
    }
}

/// The receiving end of a bounded queue.
#[derive(Debug)]
pub struct Consumer<T> {
    // The fields you need.
    _todo: std::marker::PhantomData<T>,
}

/// A queue that holds at most `capacity` items (`capacity >= 1`).
pub fn bounded<T>(capacity: usize) -> (Producer<T>, Consumer<T>) {
    todo!("a bounded channel of `capacity`")
}

impl<T> Producer<T> {
    /// Puts `item` into the queue, waiting while the queue is full; `Err(Closed(item))`
    /// when the consumer is gone.
    pub async fn send(&self, item: T) -> Result<(), Closed<T>> {
        todo!("wait for a free slot, hand the item back if the consumer is gone")
    }
}

impl<T> Consumer<T> {
    /// The next item, waiting while the queue is empty; `None` once every producer is
    /// gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<T> {
        todo!("the next item, or None when the queue is closed and empty")
    }
}

/// What [`run_pipeline`] observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The items in the order the consumer handled them.
    pub handled: Vec<u32>,
    /// For each item, in order, when its `send` completed (since `run_pipeline` started).
    pub sent_at: Vec<Duration>,
}

/// Runs a producer and a consumer on a queue of `capacity`; the consumer spends
/// `per_item` on each item.
pub async fn run_pipeline(items: Vec<u32>, capacity: usize, per_item: Duration) -> Report {
    todo!("spawn a producer and a consumer, await both")
}
