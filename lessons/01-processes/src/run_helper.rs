//! # Run a program and collect its output
//!
//! Write [`run`]: start `program` with the arguments `args`, wait until it exits and
//! return what it printed on its standard output together with its exit code.
//!
//! - Every argument reaches the program as it is, spaces and `*` and `$HOME` included:
//!   there is no shell in between.
//! - A program that exits with a non-zero code is not an error of `run`: report the
//!   code in [`Finished::code`]. Only a program that cannot be started (for example,
//!   it does not exist) is an `Err`.
//! - A process killed by a signal (Unix) has no exit code: `code` is `None` then.
//! - A program prints bytes, not necessarily UTF-8: decode its output as UTF-8 and
//!   replace what is not UTF-8 by `�` (U+FFFD) instead of failing.
//!
//! ```text
//! run(helper, &["echo", "hello", "two words"])
//!     == Ok(Finished { stdout: "hello\ntwo words\n".into(), code: Some(0) })
//! run(helper, &["exit", "3", "partial"])
//!     == Ok(Finished { stdout: "partial\n".into(), code: Some(3) })
//! ```
//!
//! The tests pass the lesson's helper program as `program` (see
//! `src/bin/lesson01-helper.rs` for what it can do).

use std::io;
use std::path::Path;

/// What a finished child left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// Everything the child wrote to its standard output, decoded as UTF-8 (invalid bytes
    /// replaced by `�`).
    pub stdout: String,
    /// The exit code, or `None` if the child was killed by a signal.
    pub code: Option<i32>,
}

/// Runs `program` with `args` to the end and returns its standard output and exit code.
pub fn run(program: &Path, args: &[&str]) -> io::Result<Finished> {
    todo!("start the program, wait for it, collect stdout and the exit code")
}
