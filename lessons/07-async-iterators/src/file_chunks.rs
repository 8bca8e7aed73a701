//! # A big file, read in chunks, as a stream
//!
//! The lecture's async generator reads a file too big for memory piece by piece. Write it
//! twice: [`chunks_of`] for any [`tokio::io::AsyncRead`] (a file, a socket, a pipe, the
//! tests' instrumented readers), and [`file_chunks`] for a file on disk, opened with
//! [`tokio::fs::File`]. Both return a stream of `io::Result<Vec<u8>>`; use
//! `async_stream::try_stream!` (or `stream!`).
//!
//! **The chunks.** Every chunk holds exactly `size` bytes, except the last one, which
//! holds what is left (1 to `size` bytes). There is no empty chunk: an input of 8192 bytes
//! in chunks of 4096 gives two chunks, an empty input gives none. `size` is at least 1.
//!
//! **Reading.** One `read` may return fewer bytes than asked for (a pipe gives what has
//! arrived, a file what one system call gave), and may be pending for a while: keep
//! reading into the same chunk until it is full or the input ends (a `read` that returns
//! 0 bytes). `read_exact` does not fit: it fails at the end of the input when the last
//! chunk is short.
//!
//! **Bounded memory, lazily.** The stream holds at most one chunk, whatever the input's
//! size: a 32 MiB file read in chunks of 64 KiB never has more than a few chunks' worth
//! of memory allocated at once. So:
//! - it never asks the reader for more bytes than the room left in the current chunk (no
//!   `read_to_end`, no `BufReader` with a bigger buffer);
//! - it reads a chunk only when the chunk is asked for: after `k` chunks were taken, the
//!   reader has given exactly `k * size` bytes, and creating the stream reads nothing.
//!
//! **Errors.** A failed `read` is yielded as `Err(error)`, and the stream ends right
//! after it: it makes no further `read`. [`file_chunks`] opens the file when it is first
//! polled; if that fails, the error is its only item.
//!
//! **Never block.** The reading goes through tokio (`tokio::fs::File`, `AsyncReadExt`):
//! `std::fs::File` and `std::io::Read` inside a stream block the runtime's thread for as
//! long as a read waits (a slow disk, a named pipe whose writer is late), and every other
//! task of that thread waits with it.
//!
//! ```text
//! chunks_of(&b"hello world"[..], 4) yields Ok(b"hell"), Ok(b"o wo"), Ok(b"rld"), then ends
//! ```

use std::io;
use std::path::PathBuf;

use futures::Stream;
use tokio::io::AsyncRead;

/// The chunks of `reader`, `size` bytes each but the last, read lazily.
pub fn chunks_of<R: AsyncRead + Unpin>(
    reader: R,
    size: usize,
) -> impl Stream<Item = io::Result<Vec<u8>>> {
    todo!("try_stream! {{ … }}: fill a chunk with reads until it is full or the input ends");
    futures::stream::empty() // only here so that the starter compiles: replace it too
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    todo!("open the file with tokio::fs::File, then the chunks_of it");
    futures::stream::empty() // only here so that the starter compiles: replace it too
}
