//! # The websocket loop: messages and a ticker, merged, until "close"
//!
//! The lecture's websocket client reads its messages with `async for msg in ws`, echoes
//! each one, and stops at `'close cmd'`. A real client also pings the server at a steady
//! cadence, whatever the messages do, so that the connection is known to be alive. That
//! is two sources of events, merged into one loop.
//!
//! Write [`ws_loop`]: it reads `messages` (a `Stream` of text frames) and a ticker of
//! period `period` at the same time, and reports what it sends through `send`:
//!
//! - every `period`, it sends [`Sent::Ping`]: the pings go out at exactly `period`,
//!   `2 * period`, `3 * period`, … after `ws_loop` was called (on `tokio::time`), no
//!   ping at 0, whatever the messages do: with a period of 1 s and messages every 0.7 s,
//!   the pings are at 1 s, 2 s, 3 s, …;
//! - each message is echoed as [`Sent::Echo`] with the message's text, when it arrives;
//! - the message [`CLOSE`] is not echoed: it ends the loop, and `ws_loop` returns at
//!   once, even though the message stream may stay open;
//! - when the message stream ends (`None`: the peer went away), `ws_loop` returns too.
//!
//! Nothing is sent after `ws_loop` returned. A `sleep(period)` created inside the loop
//! starts over every time a message comes: with messages more often than the period it
//! never fires. Create the ticker once, before the loop: [`tokio::time::interval_at`]
//! (its first tick at `now + period`; `interval`'s first tick is immediate).
//! `tokio::select!` in a loop awaits both; `futures::stream::select` merges two streams.
//!
//! ```text
//! messages "a" at 0.5 s, "b" at 1.5 s, "close" at 2.2 s; period 1 s
//! send: Echo("a") at 0.5 s, Ping at 1 s, Echo("b") at 1.5 s, Ping at 2 s; returns at 2.2 s
//! ```

use std::time::Duration;

use futures::Stream;

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
    todo!("a ticker made once, then a loop that selects between it and the next message");
}
