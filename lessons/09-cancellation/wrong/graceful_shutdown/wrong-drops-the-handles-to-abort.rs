// Spawns the handlers with tokio::spawn and, at the end of the grace period, reports the
// unfinished ones as aborted and drops their JoinHandles, believing that cancels them.
//
// expect: failed
// message: a dropped JoinHandle does not stop a task

use std::future::Future;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

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
    let mut handles = Vec::new();
    loop {
        let request = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            request = requests.recv() => match request {
                Some(request) => request,
                None => break,
            },
        };
        handles.push((request.id, tokio::spawn(handler(request))));
    }
    requests.close();
    let in_flight = async {
        for (_, handle) in handles.iter_mut() {
            let _ = handle.await;
        }
    };
    let _ = tokio::time::timeout(grace, in_flight).await;
    let mut report = Report::default();
    for (id, handle) in handles {
        if handle.is_finished() {
            report.completed.push(id);
        } else {
            // Dropping the handle cancels the task.
            report.aborted.push(id);
        }
    }
    report.completed.sort_unstable();
    report.aborted.sort_unstable();
    report
}
