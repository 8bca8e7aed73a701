//! # An async child with a timeout
//!
//! Write [`run_with_timeout`] with `tokio::process`: run `command`, capture its standard
//! output, and give up after `limit`. Three things can go wrong, each reported as a
//! variant of the typed error [`RunError`]:
//!
//! - the child cannot be started or read: [`RunError::Io`];
//! - the child exits unsuccessfully: [`RunError::Failed`] with its exit status;
//! - the child is still running after `limit`: kill it, wait for it, and return
//!   [`RunError::TimedOut`]. A timeout only stops *waiting*; a timed-out child that is not
//!   killed keeps running, and one that is killed but not waited for stays a zombie.
//!
//! Three more requirements:
//!
//! - If the caller drops the future of `run_with_timeout` before it completes (the caller
//!   gave up, for example with a timeout of its own), the child must not keep running
//!   either: that is what `Command::kill_on_drop(true)` is for.
//! - The output can be larger than a pipe buffer: read it while you wait for the child.
//!   Only stdout is yours to capture: leave stdin and stderr as `command` has them (the
//!   tests use stderr to watch the child).
//! - Never block the thread while you wait: other tasks share it. Await (`.await` on the
//!   child's futures, `tokio::time`), no `std::thread::sleep` or blocking loop.
//!
//! ```text
//! let mut command = Command::new(helper);
//! command.args(["echo", "done"]);
//! run_with_timeout(command, Duration::from_secs(5)).await == Ok("done\n".to_string())
//!
//! let mut command = Command::new(helper);
//! command.arg("hang");
//! run_with_timeout(command, Duration::from_millis(300)).await
//!     == Err(RunError::TimedOut(Duration::from_millis(300)))   // and the child is gone
//! ```

use std::process::ExitStatus;
use std::time::Duration;

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
    todo!("spawn with kill_on_drop, read and wait under a timeout, kill on timeout")
}
