// Publishes with `send` ignoring its error and returns `receiver_count()`; maps the
// `recv` result with `map` and `or_else` instead of one `match`.

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
        let subscribers = self.sender.receiver_count();
        let _ = self.sender.send(message.to_owned());
        subscribers
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
        use broadcast::error::RecvError;
        self.receiver
            .recv()
            .await
            .map(Event::Message)
            .or_else(|error| match error {
                RecvError::Lagged(missed) => Ok(Event::Missed(missed)),
                RecvError::Closed => Err(()),
            })
            .ok()
    }
}
