// Checks the shutdown only when the next request arrives, and never closes the channel: a
// request sent after the shutdown is taken from the client and silently dropped.
//
// expect: failed
// message: must be refused at once

use std::future::Future;
use std::time::Duration;

use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// A request to handle: its id and how long its work takes (for the handler to use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub id: u32,
    pub work: Duration,
}

/// What became of the requests that were accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The ids of the requests whose handler completed, ascending.
    pub completed: Vec<u32>,
    /// The ids of the requests whose handler was aborted at the end of the grace period,
    /// ascending.
    pub aborted: Vec<u32>,
}

/// Handles requests until `shutdown` (or until the channel closes), then lets in-flight
/// handlers finish for at most `grace` and aborts the rest.
pub async fn serve<H, Fut>(
    mut requests: mpsc::Receiver<Request>,
    shutdown: CancellationToken,
    grace: Duration,
    handler: H,
) -> Report
where
    H: Fn(Request) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let tracker = TaskTracker::new();
    let abort = CancellationToken::new();
    let report = Arc::new(Mutex::new(Report::default()));
    while let Some(request) = requests.recv().await {
        if shutdown.is_cancelled() {
            break;
        }
        let id = request.id;
        let handling = handler(request);
        let abort = abort.clone();
        let report = Arc::clone(&report);
        tracker.spawn(async move {
            let completed = abort.run_until_cancelled(handling).await.is_some();
            let mut report = report.lock().unwrap();
            if completed {
                report.completed.push(id);
            } else {
                report.aborted.push(id);
            }
        });
    }
    tracker.close();
    if tokio::time::timeout(grace, tracker.wait()).await.is_err() {
        abort.cancel();
        tracker.wait().await;
    }
    let mut report = std::mem::take(&mut *report.lock().unwrap());
    report.completed.sort_unstable();
    report.aborted.sort_unstable();
    report
}
