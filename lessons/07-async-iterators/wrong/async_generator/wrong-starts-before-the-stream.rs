// Does the generator's first step before the `stream!` block, in the function itself:
// that code runs when `async_generator` is called, before anyone asked for a value.
//
// expect: failed
// message: before the first `next`

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
    note(&log, "start");
    async_stream::stream! {
        for i in 0..count {
            note(&log, format!("produce {i}"));
            tokio::time::sleep(TICK).await;
            yield i;
        }
        note(&log, "end");
    }
}
