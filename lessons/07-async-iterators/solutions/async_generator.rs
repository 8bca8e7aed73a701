//! # The lecture's async generator, with `stream!`
//!
//! The lecture's async generator sleeps a second before each of its five values:
//!
//! ```python
//! async def async_generator():
//!     for i in range(5):
//!         await asyncio.sleep(1)
//!         yield i
//! ```
//!
//! Write [`async_generator`], the same generator in Rust with the `async_stream::stream!`
//! macro: a block with `.await` and `yield` in it that becomes a `Stream`.
//!
//! - `async_generator(count, log)` yields `0, 1, …, count - 1`; before each value it waits
//!   one second (`tokio::time::sleep`), so with a consumer that reads it in a loop the
//!   values come at 1 s, 2 s, … of `tokio::time`.
//! - It writes what it does to `log` (a shared `Vec<String>`), so that the tests can see
//!   *when* its body runs:
//!   - `"start"` when its body starts running,
//!   - `"produce {i}"` just before it starts the wait for value `i`,
//!   - `"end"` after the last value, when the stream is asked for one more and ends.
//! - It is **lazy**, like a Python generator: calling `async_generator` runs none of its
//!   body. The log stays empty, and no second starts, until the stream is first polled
//!   (`next().await`): created at 0 s and first asked for at 10 s, it yields 0 at 11 s.
//! - It never runs ahead of its consumer: it prepares value `i` only when value `i` is
//!   asked for. A consumer that takes one value and then does something else for a minute
//!   leaves the log at `["start", "produce 0"]`; a consumer that drops the stream after
//!   two values leaves it at `["start", "produce 0", "produce 1"]`.
//!
//! ```text
//! let log = Log::default();
//! let numbers = async_generator(3, log.clone());     // log: []
//! let all: Vec<u32> = numbers.collect().await;       // 3 s later: [0, 1, 2]
//! // log: ["start", "produce 0", "produce 1", "produce 2", "end"]
//! ```

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::Stream;

/// What the generator did, in order; shared with whoever reads it.
pub type Log = Arc<Mutex<Vec<String>>>;

/// How long the generator waits before each value.
pub const TICK: Duration = Duration::from_secs(1);

/// Appends `entry` to `log`.
pub fn note(log: &Log, entry: impl Into<String>) {
    log.lock().expect("the log's lock").push(entry.into());
}

/// Yields `0..count`, one value a second, lazily; writes what it does to `log`.
pub fn async_generator(count: u32, log: Log) -> impl Stream<Item = u32> {
    // begin solution
    async_stream::stream! {
        note(&log, "start");
        for i in 0..count {
            note(&log, format!("produce {i}"));
            tokio::time::sleep(TICK).await;
            yield i;
        }
        note(&log, "end");
    }
    // starter:
    // todo!("async_stream::stream! {{ … }} with the log entries, a sleep and a yield");
    // futures::stream::empty() // only here so that the starter compiles: replace it too
    // end solution
}
