// The fallback flushes after all: `Drop` cannot await, so it spawns a task that writes the
// buffered lines. They are written after the owner has moved on, and dropping a writer
// outside a runtime panics ("there is no reactor running").
//
// expect: failed
// message: spawned from `Drop`

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How many lines the buffer holds before `write_line` flushes it.
pub const CAPACITY: usize = 3;

/// A fake file (given). Cheap to clone: clones share it.
#[derive(Debug, Clone, Default)]
pub struct Sink {
    state: Arc<Mutex<SinkState>>,
}

#[derive(Debug, Default)]
struct SinkState {
    written: Vec<String>,
    synced: usize,
    lost: Vec<String>,
}

impl Sink {
    /// An empty file.
    pub fn new() -> Sink {
        Sink::default()
    }

    /// Appends `lines` after 10 ms, all at once when it completes.
    pub async fn write(&self, lines: &[String]) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        self.state.lock().unwrap().written.extend_from_slice(lines);
    }

    /// Makes every line written so far durable; takes 10 ms.
    pub async fn sync(&self) {
        let written = self.state.lock().unwrap().written.len();
        tokio::time::sleep(Duration::from_millis(10)).await;
        self.state.lock().unwrap().synced = written;
    }

    /// Records, at once, lines that were never written.
    pub fn report_lost(&self, lines: &[String]) {
        self.state.lock().unwrap().lost.extend_from_slice(lines);
    }

    /// The lines written so far.
    pub fn written(&self) -> Vec<String> {
        self.state.lock().unwrap().written.clone()
    }

    /// How many of the written lines are durable (were written before the last sync).
    pub fn synced(&self) -> usize {
        self.state.lock().unwrap().synced
    }

    /// The lines reported lost.
    pub fn lost(&self) -> Vec<String> {
        self.state.lock().unwrap().lost.clone()
    }
}

/// A buffered writer over a [`Sink`].
#[derive(Debug)]
pub struct Writer {
    sink: Sink,
    buffer: Vec<String>,
}

impl Writer {
    /// A writer with an empty buffer.
    pub fn new(sink: Sink) -> Writer {
        Writer {
            sink,
            buffer: Vec::new(),
        }
    }

    /// How many lines are buffered now.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }

    /// Buffers `line`; flushes when the buffer holds `CAPACITY` lines.
    pub async fn write_line(&mut self, line: &str) {
        self.buffer.push(line.to_string());
        if self.buffer.len() >= CAPACITY {
            self.flush().await;
        }
    }

    /// Writes the buffered lines, and empties the buffer once they are written.
    pub async fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        self.sink.write(&self.buffer).await;
        self.buffer.clear();
    }

    /// Flushes, then syncs the sink.
    pub async fn close(mut self) {
        self.flush().await;
        self.sink.sync().await;
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.buffer.is_empty() {
            let (sink, lines) = (self.sink.clone(), std::mem::take(&mut self.buffer));
            tokio::spawn(async move { sink.write(&lines).await });
        }
    }
}
