// Uses `status()` with stdout redirected to a scratch file, then decodes the file's bytes
// by hand with `Utf8Chunks`, replacing each invalid sequence by `�`.

use std::io;
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
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "run-helper-{}-{}.out",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let file = std::fs::File::create(&path)?;
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::null())
        .status();
    let bytes = std::fs::read(&path);
    let _ = std::fs::remove_file(&path);
    let (status, bytes) = (status?, bytes?);
    let mut stdout = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        stdout.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            stdout.push(char::REPLACEMENT_CHARACTER);
        }
    }
    Ok(Finished {
        stdout,
        code: status.code(),
    })
}
