// Reads the messages with `while let Some(..) = messages.next().await` and checks on each
// one whether a period has passed since the last ping: the pings wait for a message.
//
// expect: failed
// message: pings only when a message arrives

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
    let mut last_ping = tokio::time::Instant::now();
    while let Some(text) = messages.next().await {
        if last_ping.elapsed() >= period {
            send(Sent::Ping);
            last_ping = tokio::time::Instant::now();
        }
        if text == CLOSE {
            return;
        }
        send(Sent::Echo(text));
    }
}
