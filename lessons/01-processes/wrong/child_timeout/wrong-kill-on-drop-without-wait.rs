// Relies on `kill_on_drop(true)` alone on its own timeout path: returning drops the
// `Child`, which sends the kill, but nobody waits for the child, which stays a zombie.
//
// expect: failed
// message: it is a zombie
// message: `child.kill().await` kills the child and waits for it
// only: unix

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
    let mut bytes = Vec::new();
    let finished = tokio::time::timeout(limit, async {
        stdout.read_to_end(&mut bytes).await?;
        child.wait().await
    })
    .await;
    match finished {
        Ok(status) => {
            let status = status?;
            if !status.success() {
                return Err(RunError::Failed(status));
            }
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        // `child` is dropped when we return: `kill_on_drop` kills it.
        Err(_elapsed) => Err(RunError::TimedOut(limit)),
    }
}
