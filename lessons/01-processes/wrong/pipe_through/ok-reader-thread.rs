// The other way round: a spawned (not scoped) thread owns the child's stdout and reads it
// to the end, while this thread writes the input and then drops stdin; then it joins the
// reader and waits for the child.

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
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = thread::spawn(move || {
        let mut output = Vec::new();
        stdout.read_to_end(&mut output).map(|_| output)
    });
    let written = child.stdin.take().expect("stdin is piped").write_all(input); // the handle is a temporary: dropped, closed, right here
    let output = reader.join().expect("the reader panicked");
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "{} failed: {status}",
            program.display()
        )));
    }
    // A broken pipe only matters if the child did not fail for it: it did not here.
    written?;
    output
}
