// Writes the input on a second thread while this one reads the output, but the writer
// only borrows the stdin handle: it stays open until the end of the function, so the
// child waits forever for the end of its input.
//
// expect: failed
// message: its stdin was never closed

use std::io::{self, Read, Write};
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
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (written, output) = thread::scope(|scope| {
        let writer = scope.spawn(|| stdin.write_all(input));
        let mut output = Vec::new();
        let read = stdout.read_to_end(&mut output).map(|_| output);
        (writer.join().expect("the writer panicked"), read)
    });
    written?;
    let output = output?;
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "{} failed: {status}",
            program.display()
        )));
    }
    Ok(output)
}
