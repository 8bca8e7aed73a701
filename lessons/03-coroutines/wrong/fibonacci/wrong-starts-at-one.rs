// Keeps the second number of the pair instead of the first, so the sequence starts
// 1, 1, 2 and F(0) = 0 is missing.
//
// expect: failed
// message: F(0) = 0

use std::io::{self, Read};

/// The Fibonacci numbers that fit in a `u64`: F(0) = 0 to F(93), then the end.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    std::iter::successors(Some((0u64, Some(1u64))), |&(current, next)| {
        let next = next?;
        Some((next, next.checked_add(current)))
    })
    .map_while(|(_, next)| next)
}

/// Reads `reader` lazily, one `read` call of at most `size` bytes per `next`.
pub fn read_chunks<R: Read>(reader: R, size: usize) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let mut reader = reader;
    let mut finished = false;
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let mut chunk = vec![0; size];
        match reader.read(&mut chunk) {
            Ok(0) => {
                finished = true;
                None
            }
            Ok(read) => {
                chunk.truncate(read);
                Some(Ok(chunk))
            }
            Err(error) => {
                finished = true;
                Some(Err(error))
            }
        }
    })
}
