// On `Lagged` it drops its receiver and subscribes afresh (the subscriber keeps a
// `Sender` for that), "to catch up": the subscriber is not told what it missed, loses
// every message still kept, and, holding a sender, never sees the end of the bus.
//
// expect: failed
// message: did it drop its receiver on the lag and subscribe again?

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
    sender: broadcast::Sender<String>,
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
            sender: self.sender.clone(),
        }
    }
}

impl Subscriber {
    /// The next event; `None` once the bus is gone and every kept message was read.
    pub async fn next(&mut self) -> Option<Event> {
        loop {
            match self.receiver.recv().await {
                Ok(message) => return Some(Event::Message(message)),
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    self.receiver = self.sender.subscribe();
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}
