// Spawns the child with only stdout piped (stderr goes nowhere), reads stdout to its end,
// then waits for the exit status: `output()` done by hand.

use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};

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
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut bytes);
    // Wait even if reading failed: no zombie.
    let status = child.wait()?;
    read?;
    Ok(Finished {
        stdout: String::from_utf8_lossy(&bytes).into_owned(),
        code: status.code(),
    })
}
