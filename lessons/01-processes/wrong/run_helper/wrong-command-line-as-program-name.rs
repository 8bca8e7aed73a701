// Gives `Command::new` the whole command line, program and arguments joined with spaces,
// as if it were a shell: no program has that name, so nothing can be started.
//
// expect: failed
// message: a program name with the arguments joined to it names no program

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
    let mut command_line = program.display().to_string();
    for arg in args {
        command_line.push(' ');
        command_line.push_str(arg);
    }
    let output = Command::new(command_line).output()?;
    Ok(Finished {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code(),
    })
}
