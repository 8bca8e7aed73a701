// Fills each chunk with `read_exact` and ends at its `UnexpectedEof`: right for every
// full chunk, but a short last chunk is dropped with the error.
//
// expect: failed
// message: the short last chunk (1808 of 10000 bytes) was lost

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
            match reader.read_exact(&mut chunk).await {
                Ok(_) => yield chunk,
                Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => break,
                Err(error) => Err(error)?,
            }
        }
    }
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    async_stream::try_stream! {
        let file = tokio::fs::File::open(path).await?;
        for await chunk in chunks_of(file, size) {
            yield chunk?;
        }
    }
}
