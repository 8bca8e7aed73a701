// Joins the arguments into one string with spaces and passes it as a single argument,
// so the helper receives "echo hello" instead of "echo" and "hello".
//
// expect: failed
// message: Exit code 64 is the helper's usage error
// message: `Command::new(program).args(args)`

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
    let mut command = Command::new(program);
    if !args.is_empty() {
        command.arg(args.join(" "));
    }
    let output = command.output()?;
    Ok(Finished {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code(),
    })
}
