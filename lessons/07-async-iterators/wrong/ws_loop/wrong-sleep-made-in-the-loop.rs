// Awaits a fresh `sleep(period)` in each turn of the `select!` loop: every message
// starts the period over, so with messages more often than the period no ping ever goes out.
//
// expect: failed
// message: starts over at every message

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
    loop {
        tokio::select! {
            _ = tokio::time::sleep(period) => send(Sent::Ping),
            message = messages.next() => match message {
                Some(text) if text == CLOSE => return,
                Some(text) => send(Sent::Echo(text)),
                None => return,
            },
        }
    }
}
