// Pipes correctly, but returns the output without looking at the child's exit status:
// a child that failed looks like one that succeeded.
//
// expect: failed
// message: check the exit status

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;

/// Runs `program` with `args`, writes `input` to its stdin and returns its stdout.
pub fn pipe_through(program: &Path, args: &[&str], input: &[u8]) -> io::Result<Vec<u8>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let output = thread::scope(|scope| {
        // A child that exits early stops reading: ignore the broken pipe.
        scope.spawn(move || stdin.write_all(input));
        child.wait_with_output()
    })?;
    Ok(output.stdout)
}
