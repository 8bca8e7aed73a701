//! # Graceful shutdown: stop accepting, finish in-flight work, abort the rest
//!
//! A server that is asked to stop should not drop everything at once: it stops
//! accepting new requests, lets the requests it is already handling finish, and only
//! after a grace period aborts whatever is still running. `tokio-util`'s
//! [`TaskTracker`](tokio_util::task::TaskTracker) keeps count of the handler tasks:
//! `tracker.spawn(future)` spawns a tracked task; `tracker.close()` says "no more tasks
//! will be added"; `tracker.wait().await` completes once the tracker is closed *and*
//! every tracked task has ended (without `close()` it never completes).
//!
//! Write [`serve`]. Requests arrive on the channel `requests` (a stand-in for accepted
//! connections); each is handled by the future `handler(request)`.
//!
//! 1. Accept: receive requests and spawn each one's handler as a task, so that requests
//!    are handled at the same time (three requests of 1 s take 1 s in all). Keep
//!    accepting until `shutdown` is cancelled or the channel is closed (every sender
//!    dropped). When both are ready at once, the shutdown wins.
//! 2. Stop accepting: from the shutdown on, no new request is handled, and a client that
//!    sends one gets an error at once (close the receiving side: `requests.close()`).
//!    Requests still waiting in the channel are not handled (nor reported).
//! 3. Finish in-flight work: wait for the handlers still running, for at most `grace`
//!    from the shutdown (or from the moment the channel closed). When they all finish
//!    earlier, return as soon as the last one does.
//! 4. Abort the rest: at the end of the grace period cancel every handler still running
//!    (its future dropped at that instant, not left running in the background), then
//!    return.
//!
//! Return a [`Report`]: the ids of the requests whose handler completed, and of those
//! aborted, each list sorted ascending.
//!
//! ```text
//! t = 0    request 1 (takes 1 s)       completes at 1 s
//! t = 0.5  request 2 (takes 3 s)       in flight at the shutdown, completes at 3.5 s
//! t = 1    request 3 (takes 10 s)      aborted at 4 s
//! t = 2    shutdown (grace 2 s)        serve stops accepting; returns at 4 s
//! t = 2.5  request 4                   refused: the send fails
//! serve(..) == Report { completed: vec![1, 2], aborted: vec![3] }
//! ```
//!
//! Hint: besides the tracker, a second `CancellationToken` that only `serve` cancels can
//! tell the handler tasks to give up (`token.run_until_cancelled(handler_future)`).

use std::future::Future;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
// begin solution
use std::sync::{Arc, Mutex};
use tokio_util::task::TaskTracker;
// starter:
// end solution

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
    // begin solution: accept until shutdown, close, then wait (with a deadline) and abort
    let tracker = TaskTracker::new();
    let abort = CancellationToken::new();
    let report = Arc::new(Mutex::new(Report::default()));
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
    requests.close();
    tracker.close();
    if tokio::time::timeout(grace, tracker.wait()).await.is_err() {
        abort.cancel();
        tracker.wait().await;
    }
    let mut report = std::mem::take(&mut *report.lock().unwrap());
    report.completed.sort_unstable();
    report.aborted.sort_unstable();
    report
    // end solution
}
