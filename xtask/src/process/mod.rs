//! Platform-specific process control. A test runs as the first process of a group of
//! its own, so that a timeout, or Ctrl-C, ends everything it started, and whatever it
//! left running can be seen: a process group on Unix, a job object on Windows.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{ProcessGroup, crash_reason, interrupted, watch_interrupts};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{ProcessGroup, crash_reason, interrupted, watch_interrupts};

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` to completion like [`Command::output`], or kills it after `limit`
/// (`Ok(None)`). Its standard input is empty.
pub fn output_within(command: &mut Command, limit: Duration) -> std::io::Result<Option<Output>> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let read_all = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stream.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().expect("piped")));
    let stderr = read_all(Box::new(child.stderr.take().expect("piped")));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Some(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }))
}
