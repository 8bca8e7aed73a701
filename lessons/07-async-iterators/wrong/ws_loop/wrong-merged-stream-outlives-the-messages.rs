// Merges the ticks and the messages with `futures::stream::select` and loops over the
// merged stream: it is right until the messages end, but a merged stream ends only when
// both sides have ended, and the ticks never do.
//
// expect: failed
// message: after the message stream ended

enum Event {
    Tick,
    Message(String),
}

use std::time::Duration;

use futures::{Stream, StreamExt};

/// The message that ends the loop.
pub const CLOSE: &str = "close";

/// What the loop sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The ticker's keep-alive.
    Ping,
    /// A message sent back.
    Echo(String),
}

/// Echoes `messages` and pings every `period` until [`CLOSE`] or the end of `messages`.
pub async fn ws_loop<S>(messages: S, period: Duration, mut send: impl FnMut(Sent))
where
    S: Stream<Item = String>,
{
    let start = tokio::time::Instant::now();
    let ticks = futures::stream::unfold(
        tokio::time::interval_at(start + period, period),
        |mut ticker| async move {
            ticker.tick().await;
            Some((Event::Tick, ticker))
        },
    );
    let events = futures::stream::select(ticks, messages.map(Event::Message));
    let mut events = std::pin::pin!(events);
    while let Some(event) = events.next().await {
        match event {
            Event::Tick => send(Sent::Ping),
            Event::Message(text) if text == CLOSE => return,
            Event::Message(text) => send(Sent::Echo(text)),
        }
    }
}
