// Runs the generator's loop in a spawned task that sends into a channel, and returns
// the receiving end as a stream: the producer starts at once and runs ahead of the
// consumer (and keeps running after the stream is dropped, as far as the channel lets it).
//
// expect: failed
// message: before any `next`

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
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        note(&log, "start");
        for i in 0..count {
            note(&log, format!("produce {i}"));
            tokio::time::sleep(TICK).await;
            if sender.send(i).await.is_err() {
                return;
            }
        }
        note(&log, "end");
    });
    futures::stream::unfold(receiver, |mut receiver| async move {
        let value = receiver.recv().await?;
        Some((value, receiver))
    })
}
