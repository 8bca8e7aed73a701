// Treats every error of `recv` as the end (`.ok()`), `Lagged` included: a subscriber
// that falls behind once stops for good, although the channel goes on working.
//
// expect: failed
// message: `Lagged` was treated as the end

use tokio::sync::broadcast;

/// What a subscriber learns next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The next message.
    Message(String),
    /// This many messages were overwritten before the subscriber read them.
    Missed(u64),
}

/// A publish/subscribe bus; clone it for more publishers.
#[derive(Debug, Clone)]
pub struct Bus {
    sender: broadcast::Sender<String>,
}

/// One subscriber of a [`Bus`].
#[derive(Debug)]
pub struct Subscriber {
    receiver: broadcast::Receiver<String>,
}

impl Bus {
    /// A bus that keeps the last `capacity` messages (`capacity >= 1`).
    pub fn new(capacity: usize) -> Bus {
        let (sender, _) = broadcast::channel(capacity);
        Bus { sender }
    }

    /// Sends `message` to every subscriber; how many will see it (0 is fine).
    pub fn publish(&self, message: &str) -> usize {
        self.sender.send(message.to_owned()).unwrap_or(0)
    }

    /// A subscriber that sees the messages published from now on.
    pub fn subscribe(&self) -> Subscriber {
        Subscriber {
            receiver: self.sender.subscribe(),
        }
    }
}

impl Subscriber {
    /// The next event; `None` once the bus is gone and every kept message was read.
    pub async fn next(&mut self) -> Option<Event> {
        self.receiver.recv().await.ok().map(Event::Message)
    }
}
