// Uses `tokio::time::interval(period)`, whose first tick completes at once: a ping at 0 s,
// and every ping after it one period early.
//
// expect: failed
// message: a ping at 0 s

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
    let mut ticker = tokio::time::interval(period);
    loop {
        tokio::select! {
            _ = ticker.tick() => send(Sent::Ping),
            message = messages.next() => match message {
                Some(text) if text == CLOSE => return,
                Some(text) => send(Sent::Echo(text)),
                None => return,
            },
        }
    }
}
