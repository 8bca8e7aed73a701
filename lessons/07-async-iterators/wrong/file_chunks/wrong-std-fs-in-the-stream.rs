// Opens and reads the file with `std::fs::File` and `std::io::Read` inside the stream:
// the chunks are right and memory is bounded, but every read blocks the runtime's thread
// for as long as it waits (here, for a named pipe's writer that needs another task).
//
// only: unix
// expect: failed
// message: blocked the runtime's thread

use std::io;
use std::path::PathBuf;

use futures::Stream;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The chunks of `reader`, `size` bytes each but the last, read lazily.
pub fn chunks_of<R: AsyncRead + Unpin>(
    reader: R,
    size: usize,
) -> impl Stream<Item = io::Result<Vec<u8>>> {
    async_stream::try_stream! {
        let mut reader = reader;
        loop {
            let mut chunk = vec![0; size];
            let mut filled = 0;
            while filled < size {
                let read = reader.read(&mut chunk[filled..]).await?;
                if read == 0 {
                    break;
                }
                filled += read;
            }
            if filled == 0 {
                break;
            }
            chunk.truncate(filled);
            yield chunk;
            if filled < size {
                break;
            }
        }
    }
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    async_stream::try_stream! {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        loop {
            let mut chunk = vec![0; size];
            let mut filled = 0;
            while filled < size {
                let read = file.read(&mut chunk[filled..])?;
                if read == 0 {
                    break;
                }
                filled += read;
            }
            if filled == 0 {
                break;
            }
            chunk.truncate(filled);
            yield chunk;
            if filled < size {
                break;
            }
        }
    }
}
