// Ends the generator on a failed `read` with `.ok()?`: the error is lost, and the
// caller cannot tell a failure from the end of the input.
//
// expect: failed
// message: the generator yields `Some(Err(error))`

use std::io::{self, Read};

/// The Fibonacci numbers that fit in a `u64`: F(0) = 0 to F(93), then the end.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    std::iter::successors(Some((0u64, Some(1u64))), |&(current, next)| {
        let next = next?;
        Some((next, next.checked_add(current)))
    })
    .map(|(current, _)| current)
}

/// Reads `reader` lazily, one `read` call of at most `size` bytes per `next`.
pub fn read_chunks<R: Read>(reader: R, size: usize) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let mut reader = reader;
    std::iter::from_fn(move || {
        let mut chunk = vec![0; size];
        let read = reader.read(&mut chunk).ok()?;
        if read == 0 {
            return None;
        }
        chunk.truncate(read);
        Some(Ok(chunk))
    })
}
