// The consumer keeps a `Sender` of the channel, so that it can hand out more producers
// later (`Consumer::producer`). But a channel closes only when every sender is gone: with
// one inside the consumer, `recv` never returns `None`, and the receiving loop never ends.
//
// expect: failed
// message: a `Sender` kept anywhere else

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// The item handed back by [`Producer::send`] when the consumer is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed<T>(pub T);

/// The sending end of a bounded queue; clone it for more producers.
#[derive(Debug)]
pub struct Producer<T> {
    sender: mpsc::Sender<T>,
}

// Written by hand: `#[derive(Clone)]` would require `T: Clone`.
impl<T> Clone for Producer<T> {
    fn clone(&self) -> Self {
        Producer {
            sender: self.sender.clone(),
        }
    }
}

/// The receiving end of a bounded queue.
#[derive(Debug)]
pub struct Consumer<T> {
    receiver: mpsc::Receiver<T>,
    sender: mpsc::Sender<T>,
}

/// A queue that holds at most `capacity` items (`capacity >= 1`).
pub fn bounded<T>(capacity: usize) -> (Producer<T>, Consumer<T>) {
    let (sender, receiver) = mpsc::channel(capacity);
    let consumer = Consumer {
        receiver,
        sender: sender.clone(),
    };
    (Producer { sender }, consumer)
}

impl<T> Producer<T> {
    /// Puts `item` into the queue, waiting while the queue is full; `Err(Closed(item))`
    /// when the consumer is gone.
    pub async fn send(&self, item: T) -> Result<(), Closed<T>> {
        self.sender
            .send(item)
            .await
            .map_err(|mpsc::error::SendError(item)| Closed(item))
    }
}

impl<T> Consumer<T> {
    /// Another producer for this queue.
    pub fn producer(&self) -> Producer<T> {
        Producer {
            sender: self.sender.clone(),
        }
    }

    /// The next item, waiting while the queue is empty; `None` once every producer is
    /// gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<T> {
        self.receiver.recv().await
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
    let start = Instant::now();
    let (producer, mut consumer) = bounded(capacity);
    let producing = tokio::spawn(async move {
        let mut sent_at = Vec::new();
        for item in items {
            if producer.send(item).await.is_err() {
                break;
            }
            sent_at.push(start.elapsed());
        }
        sent_at
    });
    let consuming = tokio::spawn(async move {
        let mut handled = Vec::new();
        while let Some(item) = consumer.recv().await {
            handled.push(item);
            tokio::time::sleep(per_item).await;
        }
        handled
    });
    let sent_at = producing.await.expect("the producer panicked");
    let handled = consuming.await.expect("the consumer panicked");
    Report { handled, sent_at }
}
