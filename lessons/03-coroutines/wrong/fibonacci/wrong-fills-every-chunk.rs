// Fills each chunk to `size` bytes with `take(size).read_to_end`, which calls `read`
// again and again: a short read is not handed out at once.
//
// expect: failed
// message: each `next` makes one `read` call

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
    let mut finished = false;
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let mut chunk = Vec::with_capacity(size);
        match reader.by_ref().take(size as u64).read_to_end(&mut chunk) {
            Ok(0) => {
                finished = true;
                None
            }
            Ok(_) => Some(Ok(chunk)),
            Err(error) => {
                finished = true;
                Some(Err(error))
            }
        }
    })
}
