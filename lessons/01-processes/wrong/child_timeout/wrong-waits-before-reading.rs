// Waits for the child first and reads its output only after it has exited: a child that
// prints more than a pipe buffer blocks on its full stdout and never exits, so the call
// times out.
//
// expect: failed
// message: read stdout while you wait for the child, not after

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
    let finished = tokio::time::timeout(limit, child.wait()).await;
    match finished {
        Ok(status) => {
            let status = status?;
            if !status.success() {
                return Err(RunError::Failed(status));
            }
            let mut bytes = Vec::new();
            let mut stdout = child.stdout.take().expect("stdout is piped");
            stdout.read_to_end(&mut bytes).await?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(_elapsed) => {
            child.kill().await?;
            Err(RunError::TimedOut(limit))
        }
    }
}
