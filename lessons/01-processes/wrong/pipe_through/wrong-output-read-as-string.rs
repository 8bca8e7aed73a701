// Reads the output with `read_to_string`, as text: output that is not UTF-8 makes
// `pipe_through` fail with "stream did not contain valid UTF-8".
//
// expect: failed
// message: not `read_to_string`

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
    let (written, text) = thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(input));
        let mut text = String::new();
        let read = stdout.read_to_string(&mut text).map(|_| text);
        (writer.join().expect("the writer panicked"), read)
    });
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "{} failed: {status}",
            program.display()
        )));
    }
    written?;
    Ok(text?.into_bytes())
}
