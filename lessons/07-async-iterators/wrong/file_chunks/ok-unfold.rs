// Without `try_stream!`: `futures::stream::unfold` over the reader (an `Option`, taken
// out once the input ended or failed), filling each chunk in the closure's future.

use std::io;
use std::path::PathBuf;

use futures::Stream;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The chunks of `reader`, `size` bytes each but the last, read lazily.
pub fn chunks_of<R: AsyncRead + Unpin>(
    reader: R,
    size: usize,
) -> impl Stream<Item = io::Result<Vec<u8>>> {
    futures::stream::unfold(Some(reader), move |reader| async move {
        let mut reader = reader?;
        let mut chunk = vec![0; size];
        let mut filled = 0;
        while filled < size {
            match reader.read(&mut chunk[filled..]).await {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(error) => return Some((Err(error), None)),
            }
        }
        if filled == 0 {
            return None;
        }
        chunk.truncate(filled);
        let rest = (filled == size).then_some(reader);
        Some((Ok(chunk), rest))
    })
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    use futures::{StreamExt, TryStreamExt};
    futures::stream::once(tokio::fs::File::open(path))
        .map_ok(move |file| chunks_of(file, size))
        .try_flatten()
}
