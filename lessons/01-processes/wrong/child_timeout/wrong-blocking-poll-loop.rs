// Polls `try_wait` in a loop with `std::thread::sleep` until a deadline, as in blocking
// code: the runtime thread is blocked all along (the reading task never runs either).
//
// expect: failed
// message: the runtime thread was blocked
// message: Await instead

use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// Why [`run_with_timeout`] did not return the child's output.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The child could not be started, or its output could not be read.
    #[error("could not run the child: {0}")]
    Io(#[from] std::io::Error),
    /// The child exited unsuccessfully.
    #[error("the child failed: {0}")]
    Failed(ExitStatus),
    /// The child did not finish within the limit, so it was killed.
    #[error("the child did not finish within {0:?}, so it was killed")]
    TimedOut(Duration),
}

/// Runs `command` to the end and returns its stdout as text, or gives up after `limit`
/// and kills the child.
pub async fn run_with_timeout(mut command: Command, limit: Duration) -> Result<String, RunError> {
    command.stdout(Stdio::piped()).kill_on_drop(true);
    let mut child = command.spawn()?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = tokio::spawn(async move {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).await.map(|_| bytes)
    });
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if std::time::Instant::now() >= deadline {
            child.kill().await?;
            return Err(RunError::TimedOut(limit));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if !status.success() {
        return Err(RunError::Failed(status));
    }
    let bytes = reader.await.expect("the reader panicked")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
