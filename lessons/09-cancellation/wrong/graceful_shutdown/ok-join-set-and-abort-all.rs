// Spawns the handlers into a JoinSet, collects them until the grace period ends, then
// abort_all and collects the aborted ones by task id.

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
    let mut set = tokio::task::JoinSet::new();
    let mut ids = std::collections::HashMap::new();
    loop {
        let request = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            request = requests.recv() => match request {
                Some(request) => request,
                None => break,
            },
        };
        let id = request.id;
        let task = set.spawn(handler(request));
        ids.insert(task.id(), id);
    }
    requests.close();
    let mut report = Report::default();
    let grace_over = tokio::time::Instant::now() + grace;
    loop {
        match tokio::time::timeout_at(grace_over, set.join_next_with_id()).await {
            Ok(Some(Ok((task, ())))) => report.completed.push(ids[&task]),
            Ok(Some(Err(error))) => std::panic::resume_unwind(error.into_panic()),
            Ok(None) => break,
            Err(_grace_over) => {
                set.abort_all();
                while let Some(joined) = set.join_next_with_id().await {
                    match joined {
                        Ok((task, ())) => report.completed.push(ids[&task]),
                        Err(error) => report.aborted.push(ids[&error.id()]),
                    }
                }
                break;
            }
        }
    }
    report.completed.sort_unstable();
    report.aborted.sort_unstable();
    report
}
