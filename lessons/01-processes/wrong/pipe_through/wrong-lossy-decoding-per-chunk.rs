// Reads the output chunk by chunk and decodes each chunk with `String::from_utf8_lossy`:
// a character split between two reads, and every byte that is not UTF-8, becomes `�`.
//
// expect: failed
// message: The output holds `�`
// message: `from_utf8_lossy` on each chunk

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
        let mut buffer = [0u8; 4096];
        let read = loop {
            match stdout.read(&mut buffer) {
                Ok(0) => break Ok(()),
                Ok(n) => text.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => break Err(error),
            }
        };
        (
            writer.join().expect("the writer panicked"),
            read.map(|()| text),
        )
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
