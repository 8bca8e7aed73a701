// Merges two streams instead of `select!`: the ticks (`stream!` over an `interval_at`)
// and the messages followed by one "ended" marker, so that the end of the messages is an
// event of the merged stream too.

enum Event {
    Tick,
    Message(String),
    Ended,
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
    let ticks = async_stream::stream! {
        let mut ticker = tokio::time::interval_at(start + period, period);
        loop {
            ticker.tick().await;
            yield Event::Tick;
        }
    };
    let messages = messages
        .map(Event::Message)
        .chain(futures::stream::once(async { Event::Ended }));
    let mut events = std::pin::pin!(futures::stream::select(ticks, messages));
    while let Some(event) = events.next().await {
        match event {
            Event::Tick => send(Sent::Ping),
            Event::Message(text) if text == CLOSE => return,
            Event::Message(text) => send(Sent::Echo(text)),
            Event::Ended => return,
        }
    }
}
