// `fibonacci` with `from_fn` and two captured numbers (the next one an `Option` that is
// `None` once it no longer fits), `read_chunks` with the reader in an `Option` that is
// taken out (and dropped) when the input ends or fails, instead of a `finished` flag.

use std::io::{self, Read};

/// The Fibonacci numbers that fit in a `u64`: F(0) = 0 to F(93), then the end.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    let mut current = Some(0u64);
    let mut next = Some(1u64);
    std::iter::from_fn(move || {
        let value = current?;
        current = next;
        next = next.and_then(|next| next.checked_add(value));
        Some(value)
    })
}

/// Reads `reader` lazily, one `read` call of at most `size` bytes per `next`.
pub fn read_chunks<R: Read>(reader: R, size: usize) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let mut reader = Some(reader);
    std::iter::from_fn(move || {
        let mut chunk = vec![0; size];
        match reader.as_mut()?.read(&mut chunk) {
            Ok(0) => {
                reader = None;
                None
            }
            Ok(read) => {
                chunk.truncate(read);
                Some(Ok(chunk))
            }
            Err(error) => {
                reader = None;
                Some(Err(error))
            }
        }
    })
}
