// A hand-written `Stream` over a `std::fs::File`: `poll_next` fills the chunk with
// blocking `std::io::Read::read` calls and is always `Ready`. It never returns `Pending`,
// so while it waits for the disk (or a pipe) the runtime's thread runs nothing else.
//
// only: unix
// expect: failed
// message: blocked the runtime's thread

use std::io::{self, Read};
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};

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

/// The chunks of a file, read with `std::fs` in `poll_next`.
struct FileChunks {
    path: PathBuf,
    file: Option<std::fs::File>,
    size: usize,
    done: bool,
}

impl Stream for FileChunks {
    type Item = io::Result<Vec<u8>>;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        if this.file.is_none() {
            match std::fs::File::open(&this.path) {
                Ok(file) => this.file = Some(file),
                Err(error) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
        let file = this.file.as_mut().expect("opened above");
        let mut chunk = vec![0; this.size];
        let mut filled = 0;
        while filled < this.size {
            match file.read(&mut chunk[filled..]) {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(error) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
        if filled < this.size {
            this.done = true;
        }
        if filled == 0 {
            return Poll::Ready(None);
        }
        chunk.truncate(filled);
        Poll::Ready(Some(Ok(chunk)))
    }
}

/// The chunks of the file at `path`, opened with `tokio::fs::File` when first polled.
pub fn file_chunks(path: PathBuf, size: usize) -> impl Stream<Item = io::Result<Vec<u8>>> {
    FileChunks {
        path,
        file: None,
        size,
        done: false,
    }
}
