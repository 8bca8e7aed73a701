// Reads the whole input into chunks when the generator is created, and hands out the
// chunks from a vector: it computes ahead instead of reading when a chunk is asked for.
//
// expect: failed
// message: a generator does nothing until its first `next`

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
    let mut chunks = Vec::new();
    loop {
        let mut chunk = vec![0; size];
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => {
                chunk.truncate(read);
                chunks.push(Ok(chunk));
            }
            Err(error) => {
                chunks.push(Err(error));
                break;
            }
        }
    }
    chunks.into_iter()
}
