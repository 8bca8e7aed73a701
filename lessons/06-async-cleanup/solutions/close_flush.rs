//! # An explicit `close().await`, and what `Drop` can still do
//!
//! Write [`Writer`], a buffered writer over a [`Sink`] (given: a fake file), with an
//! explicit async [`Writer::close`] that flushes and syncs, and a `Drop` fallback for a
//! writer that was dropped without `close`.
//!
//! Python's `await redis.wait_closed()` or `await writer.aclose()`: closing may have to
//! wait (write what is buffered, sync the file), so it is an async method that the owner
//! calls and awaits. A destructor cannot await. What can a `Drop` do, then? Only what is
//! synchronous and quick: release memory, tell someone. What it must not do:
//!
//! - `tokio::spawn` the flush: the flush runs after the owner has moved on (the caller
//!   believes the writer is gone, the file is still changing), perhaps never (the runtime
//!   is shutting down), and outside a runtime `spawn` panics;
//! - block on the async flush (`futures::executor::block_on`, `Handle::block_on`): inside
//!   the runtime this blocks the very thread that must drive the write's timer, and hangs.
//!
//! So the fallback is honest: a `Writer` dropped with lines still buffered reports them to
//! the sink as lost ([`Sink::report_lost`]), synchronously, in `drop`.
//!
//! [`Sink`] (given): [`Sink::write`] appends lines (10 ms; they are written all at once
//! when it completes, and not at all if it is cancelled), [`Sink::sync`] makes everything
//! written so far durable (10 ms), [`Sink::report_lost`] records lines that were never
//! written (at once).
//!
//! - [`Writer::new(sink)`](Writer::new): an empty buffer.
//! - [`Writer::write_line`] adds a line to the buffer; when the buffer then holds
//!   [`CAPACITY`] lines, it flushes.
//! - [`Writer::flush`] writes the buffered lines with one `sink.write(..).await`, and
//!   empties the buffer only when that write has completed (a flush cancelled during the
//!   write keeps the lines buffered, so that they are not lost silently). With an empty
//!   buffer it does nothing (no write).
//! - [`Writer::close`] (takes `self`): flushes, then `sink.sync().await`. After a close,
//!   the `Drop` reports nothing.
//! - `Drop`: a writer dropped with buffered lines (never closed, or its `close` cancelled
//!   before its flush completed) reports them with `sink.report_lost(..)`, at once.
//!
//! Whatever happens, every line given to `write_line` ends up exactly once either in
//! [`Sink::written`] or in [`Sink::lost`].
//!
//! ```text
//! let mut writer = Writer::new(sink.clone());
//! writer.write_line("a").await; writer.write_line("b").await;   // buffered
//! writer.write_line("c").await;          // 3 lines: flushed, sink.written() == [a, b, c]
//! writer.write_line("d").await;
//! writer.close().await;                  // sink.written() == [a, b, c, d], sink.synced() == 4
//!
//! let mut other = Writer::new(sink.clone());
//! other.write_line("e").await;
//! drop(other);                           // sink.lost() == ["e"]
//! ```

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
        // begin solution: buffer the line, flush a full buffer
        self.buffer.push(line.to_string());
        if self.buffer.len() >= CAPACITY {
            self.flush().await;
        }
        // end solution
    }

    /// Writes the buffered lines, and empties the buffer once they are written.
    pub async fn flush(&mut self) {
        // begin solution: one write of the whole buffer; clear it only after the write
        if self.buffer.is_empty() {
            return;
        }
        self.sink.write(&self.buffer).await;
        self.buffer.clear();
        // end solution
    }

    /// Flushes, then syncs the sink.
    pub async fn close(mut self) {
        // begin solution: flush, then sync
        self.flush().await;
        self.sink.sync().await;
        // end solution
    }
}

// begin solution
impl Drop for Writer {
    fn drop(&mut self) {
        // Synchronous and quick: no await, no spawn, no block_on. A closed writer has an
        // empty buffer, so it reports nothing.
        if !self.buffer.is_empty() {
            self.sink.report_lost(&self.buffer);
        }
    }
}
// starter:
// // The fallback: `impl Drop for Writer`.
// end solution
