// Reads everything with `read_to_end` (and the file with `tokio::fs::read`) and then
// hands out slices of it: the chunks are right, but memory grows with the input.
//
// expect: failed
// message: read ahead

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
        let mut all = Vec::new();
        reader.read_to_end(&mut all).await?;
        for chunk in all.chunks(size) {
            yield chunk.to_vec();
        }
    }
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    async_stream::try_stream! {
        let all = tokio::fs::read(path).await?;
        for chunk in all.chunks(size) {
            yield chunk.to_vec();
        }
    }
}
