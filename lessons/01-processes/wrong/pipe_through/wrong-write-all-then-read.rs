// Writes all the input, closes stdin, and only then reads the output: once the child's
// stdout pipe is full, the child stops reading, its stdin pipe fills up, and both wait
// for each other (the full-pipe deadlock).
//
// expect: failed
// message: write on one thread while you read on another

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `program` with `args`, writes `input` to its stdin and returns its stdout.
pub fn pipe_through(program: &Path, args: &[&str], input: &[u8]) -> io::Result<Vec<u8>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let written = stdin.write_all(input);
    drop(stdin);
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "{} failed: {}",
            program.display(),
            output.status
        )));
    }
    written?;
    Ok(output.stdout)
}
