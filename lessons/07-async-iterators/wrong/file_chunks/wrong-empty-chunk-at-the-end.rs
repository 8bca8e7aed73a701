// Yields whatever the filling loop got, and stops after a short chunk: when the input's
// size is a multiple of `size`, the last chunk yielded is empty.
//
// expect: failed
// message: no empty chunk

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
        let file = tokio::fs::File::open(path).await?;
        for await chunk in chunks_of(file, size) {
            yield chunk?;
        }
    }
}
