// Decodes the output strictly (`String::from_utf8`), turning output that is not UTF-8
// into an `InvalidData` error instead of replacing the invalid bytes by `�`.
//
// expect: failed
// message: not valid UTF-8
// message: String::from_utf8_lossy

use std::io;
use std::path::Path;
use std::process::Command;

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
    let output = Command::new(program).args(args).output()?;
    let stdout = String::from_utf8(output.stdout)
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
    Ok(Finished {
        stdout,
        code: output.status.code(),
    })
}
