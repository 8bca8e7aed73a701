//! # Pipe data through a child without deadlocking
//!
//! Write [`pipe_through`]: start `program` with `args`, feed `input` to its standard
//! input, and return everything it writes to its standard output, like a shell's
//! `printf … | program args`.
//!
//! The child is a *filter*: it reads some input, writes some output, reads more. Pipes
//! have small buffers (typically 64 KiB). If you first write all the input and only then
//! read the output, with a large input the child fills its stdout pipe and blocks until
//! someone reads it; it stops reading its stdin, which fills up in turn, and your write
//! blocks too. Both wait for each other forever: a deadlock. So write and read *at the
//! same time*, and close the child's stdin when all input is written, or the child keeps
//! waiting for more.
//!
//! `input` and the output are bytes, not necessarily text: return exactly the bytes the
//! child writes, UTF-8 or not, without decoding them.
//!
//! If the child exits unsuccessfully, return an error (`io::Error::other` will do).
//!
//! ```text
//! pipe_through(helper, &["upper"], b"hello, pipes\n") == Ok(b"HELLO, PIPES\n".to_vec())
//! // and the same for a megabyte of input, without hanging
//! ```

use std::io;
use std::path::Path;

/// Runs `program` with `args`, writes `input` to its stdin and returns its stdout.
pub fn pipe_through(program: &Path, args: &[&str], input: &[u8]) -> io::Result<Vec<u8>> {
    todo!("write the input on one thread while you read the output on another")
}
