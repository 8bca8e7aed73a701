// Treats a non-zero exit code as an error of `run` instead of reporting it in
// `Finished::code`.
//
// expect: failed
// message: report the code in `Finished::code` instead of returning an error

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
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "{} failed: {}",
            program.display(),
            output.status
        )));
    }
    Ok(Finished {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code(),
    })
}
