// Yields each value first and sleeps after it: the first value comes at once and the
// last wait happens after the last value.
//
// expect: failed
// message: a `yield` before the `sleep`

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
    async_stream::stream! {
        note(&log, "start");
        for i in 0..count {
            note(&log, format!("produce {i}"));
            yield i;
            tokio::time::sleep(TICK).await;
        }
        note(&log, "end");
    }
}
