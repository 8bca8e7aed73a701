// Without `stream!`: `futures::stream::unfold` with the next value as its state; the
// closure's future logs, sleeps and returns the value (and "end" after the last one).

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
    futures::stream::unfold(None, move |next: Option<u32>| {
        let log = log.clone();
        async move {
            let i = match next {
                None => {
                    note(&log, "start");
                    0
                }
                Some(i) => i,
            };
            if i >= count {
                if i != u32::MAX {
                    note(&log, "end");
                }
                return None;
            }
            note(&log, format!("produce {i}"));
            tokio::time::sleep(TICK).await;
            Some((i, Some(i + 1)))
        }
    })
}
