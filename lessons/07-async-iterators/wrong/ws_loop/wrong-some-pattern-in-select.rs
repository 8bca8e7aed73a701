// Matches `Some(text) = messages.next()` in the `select!`: at the end of the stream the
// branch is disabled, not taken, and the loop goes on pinging for ever.
//
// expect: failed
// message: after the message stream ended

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
    let mut messages = std::pin::pin!(messages);
    let start = tokio::time::Instant::now();
    let mut ticker = tokio::time::interval_at(start + period, period);
    loop {
        tokio::select! {
            _ = ticker.tick() => send(Sent::Ping),
            Some(text) = messages.next() => {
                if text == CLOSE {
                    return;
                }
                send(Sent::Echo(text));
            }
        }
    }
}
