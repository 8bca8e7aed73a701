// Computes all 94 numbers into a `Vec` when the generator is created and hands out its
// `into_iter()`: the values are right, but they are computed ahead, not when asked for.
//
// expect: failed
// message: it computed the numbers ahead

use std::io::{self, Read};

/// The Fibonacci numbers that fit in a `u64`: F(0) = 0 to F(93), then the end.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    let mut numbers = vec![0u64, 1];
    while let Some(next) = numbers[numbers.len() - 2].checked_add(numbers[numbers.len() - 1]) {
        numbers.push(next);
    }
    numbers.into_iter()
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
