// Keeps the channel's first receiver inside the bus, so that `send` never fails for
// lack of receivers: but that receiver counts as a subscriber, and `publish` reports one
// subscriber too many.
//
// expect: failed
// message: a receiver kept inside the Bus counts as a subscriber

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
    _keep: std::sync::Arc<broadcast::Receiver<String>>,
}

/// One subscriber of a [`Bus`].
#[derive(Debug)]
pub struct Subscriber {
    receiver: broadcast::Receiver<String>,
}

impl Bus {
    /// A bus that keeps the last `capacity` messages (`capacity >= 1`).
    pub fn new(capacity: usize) -> Bus {
        let (sender, keep) = broadcast::channel(capacity);
        Bus {
            sender,
            _keep: std::sync::Arc::new(keep),
        }
    }

    /// Sends `message` to every subscriber; how many will see it (0 is fine).
    pub fn publish(&self, message: &str) -> usize {
        self.sender
            .send(message.to_owned())
            .expect("the bus keeps a receiver")
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
        match self.receiver.recv().await {
            Ok(message) => Some(Event::Message(message)),
            Err(broadcast::error::RecvError::Lagged(missed)) => Some(Event::Missed(missed)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}
