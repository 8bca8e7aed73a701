//! # Generators from closures: `successors` and `from_fn`
//!
//! Write two generators without a struct, from closures: [`fibonacci`] with
//! [`std::iter::successors`] and [`read_chunks`] with [`std::iter::from_fn`].
//!
//! `successors` fits when each value follows from the previous one; `from_fn` when the
//! closure keeps whatever state it needs in the variables it captures. Both are lazy: the
//! closure runs once per `next`, never ahead.
//!
//! 1. Write [`fibonacci`]: 0, 1, 1, 2, 3, 5, 8, … in `u64`, with `successors`. The
//!    numbers grow fast, and `u64` overflows after F(93) = 12200160415121876738: the
//!    generator ends after yielding F(93), the last Fibonacci number that fits, instead
//!    of panicking (`checked_add` returns `None` on overflow, and a `None` ends
//!    `successors`). All 94 numbers F(0) … F(93) are yielded, each computed when it is
//!    asked for: the generator makes no list of the numbers in advance.
//! 2. Write [`read_chunks`], with `from_fn`: a generator that reads `reader` one chunk at
//!    a time, as the chunks are asked for. Each `next` makes **one** `read` call into a
//!    buffer of `size` bytes and yields the bytes that call returned (a chunk may be
//!    shorter than `size`: a pipe or a socket returns what has arrived so far, and that
//!    chunk is worth handing out at once). A `read` that returns 0 bytes is the end of the
//!    input: the generator ends. A `read` that fails is yielded as `Some(Err(error))`, and
//!    then the generator ends too (a Python generator that raised is finished as well).
//!
//! Creating the generator reads nothing, and a chunk is read only when it is asked for:
//! a file of 10 GB read with `read_chunks(file, 4096).take(1)` reads 4096 bytes.
//!
//! ```text
//! fibonacci().take(8).collect::<Vec<_>>() == vec![0, 1, 1, 2, 3, 5, 8, 13]
//! fibonacci().count() == 94
//! read_chunks(&b"hello world"[..], 4).map(Result::unwrap).collect::<Vec<_>>()
//!     == vec![b"hell".to_vec(), b"o wo".to_vec(), b"rld".to_vec()]
//! ```

use std::io::{self, Read};

/// The Fibonacci numbers that fit in a `u64`: F(0) = 0 to F(93), then the end.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    // begin solution
    // The state is (F(n), F(n + 1)), with F(n + 1) = `None` once it no longer fits: F(93)
    // is still yielded, and the state after it ends the generator.
    std::iter::successors(Some((0u64, Some(1u64))), |&(current, next)| {
        let next = next?;
        Some((next, next.checked_add(current)))
    })
    .map(|(current, _)| current)
    // starter:
    // todo!("successors over the pair (F(n), F(n + 1)), ending after the overflow");
    // std::iter::empty() // only here so that the starter compiles: replace it too
    // end solution
}

/// Reads `reader` lazily, one `read` call of at most `size` bytes per `next`.
pub fn read_chunks<R: Read>(reader: R, size: usize) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    // begin solution
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
    // starter:
    // todo!("from_fn, with the reader and a `finished` flag captured by the closure");
    // std::iter::empty() // only here so that the starter compiles: replace it too
    // end solution
}
