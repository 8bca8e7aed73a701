// Makes one `read` per chunk and yields what it returned: with a reader that gives
// fewer bytes than asked, the chunks come out short.
//
// expect: failed
// message: one `read` may return fewer bytes than asked

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
            let read = reader.read(&mut chunk).await?;
            if read == 0 {
                break;
            }
            chunk.truncate(read);
            yield chunk;
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
