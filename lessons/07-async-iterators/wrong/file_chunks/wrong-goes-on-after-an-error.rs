// Uses `stream!` and yields a failed read as `Err`, then goes on reading: a reader that
// keeps failing gives an endless stream of errors.
//
// expect: failed
// message: after yielding the error the stream goes on

use std::io;
use std::path::PathBuf;

use futures::Stream;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The chunks of `reader`, `size` bytes each but the last, read lazily.
pub fn chunks_of<R: AsyncRead + Unpin>(
    reader: R,
    size: usize,
) -> impl Stream<Item = io::Result<Vec<u8>>> {
    async_stream::stream! {
        let mut reader = reader;
        'chunks: loop {
            let mut chunk = vec![0; size];
            let mut filled = 0;
            while filled < size {
                match reader.read(&mut chunk[filled..]).await {
                    Ok(0) => break,
                    Ok(read) => filled += read,
                    Err(error) => {
                        yield Err(error);
                        continue 'chunks;
                    }
                }
            }
            if filled == 0 {
                break;
            }
            chunk.truncate(filled);
            yield Ok(chunk);
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
