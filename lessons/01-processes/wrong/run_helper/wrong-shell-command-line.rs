// Builds one command line and runs it through a shell (`sh -c "PROGRAM ARG ARG"`, on
// Windows `cmd /C`): the shell splits "two words", drops the empty argument, and `sh`
// expands `$HOME` and `*`.
//
// expect: failed
// message: not through a shell

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
    let command_line = format!("{} {}", program.display(), args.join(" "));
    let output = if cfg!(windows) {
        Command::new("cmd").arg("/C").arg(command_line).output()?
    } else {
        Command::new("sh").arg("-c").arg(command_line).output()?
    };
    Ok(Finished {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code(),
    })
}
