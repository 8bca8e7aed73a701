//! # Publish/subscribe on a broadcast channel, with lagging subscribers
//!
//! A [`Bus`] delivers every message published on it to every subscriber. It keeps only
//! the last `capacity` messages: a subscriber that reads more slowly than messages are
//! published falls behind, and the messages it had not read when they were overwritten
//! are lost *for it*. It must be told so, and carry on with the oldest message still
//! kept. [`tokio::sync::broadcast`] does exactly this: its `recv` returns
//! `Err(RecvError::Lagged(n))` once, for the `n` messages a receiver missed, and the
//! receiver goes on working. A lag is not the end.
//!
//! Write [`Bus`] and [`Subscriber`]:
//!
//! - `Bus::new(capacity)` (at least 1) keeps the last `capacity` messages. A `Bus` can be
//!   cloned: every clone publishes on the same bus.
//! - `publish(message)` sends it to every current subscriber and returns how many
//!   subscribers will see it. Publishing when nobody subscribes is no error: it returns 0
//!   (and never panics).
//! - `subscribe()` returns a new subscriber, which sees the messages published from then
//!   on (not those published before).
//! - `Subscriber::next()` returns the next event for that subscriber, waiting while there
//!   is none:
//!   - `Some(Event::Message(text))` for the next message, in the order published;
//!   - `Some(Event::Missed(n))` if `n` messages were overwritten before it read them; the
//!     next call returns the oldest message still kept;
//!   - `None` once every `Bus` (every clone) has been dropped and the subscriber has read
//!     every message still kept.
//!
//! ```text
//! let bus = Bus::new(4);
//! let mut slow = bus.subscribe();
//! for n in 0..10 { bus.publish(&format!("m{n}")); }   // each returns 1
//! slow.next().await == Some(Event::Missed(6))          // m0..m5 were overwritten
//! slow.next().await == Some(Event::Message("m6"))      // then m7, m8, m9
//! drop(bus);                                           // after m9: None
//! ```

// begin solution
use tokio::sync::broadcast;

// starter:
// end solution
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
    // begin solution
    sender: broadcast::Sender<String>,
    // starter:
    // // The fields you need.
    // end solution
}

/// One subscriber of a [`Bus`].
#[derive(Debug)]
pub struct Subscriber {
    // begin solution
    receiver: broadcast::Receiver<String>,
    // starter:
    // // The fields you need.
    // end solution
}

impl Bus {
    /// A bus that keeps the last `capacity` messages (`capacity >= 1`).
    pub fn new(capacity: usize) -> Bus {
        // begin solution: a broadcast channel; no receiver kept
        let (sender, _) = broadcast::channel(capacity);
        Bus { sender }
        // end solution
    }

    /// Sends `message` to every subscriber; how many will see it (0 is fine).
    pub fn publish(&self, message: &str) -> usize {
        // begin solution: an error only means "no subscriber"
        self.sender.send(message.to_owned()).unwrap_or(0)
        // end solution
    }

    /// A subscriber that sees the messages published from now on.
    pub fn subscribe(&self) -> Subscriber {
        // begin solution: a new receiver of the channel
        Subscriber {
            receiver: self.sender.subscribe(),
        }
        // end solution
    }
}

impl Subscriber {
    /// The next event; `None` once the bus is gone and every kept message was read.
    pub async fn next(&mut self) -> Option<Event> {
        // begin solution: a message, a lag (not the end), or the end
        match self.receiver.recv().await {
            Ok(message) => Some(Event::Message(message)),
            Err(broadcast::error::RecvError::Lagged(missed)) => Some(Event::Missed(missed)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
        // end solution
    }
}
