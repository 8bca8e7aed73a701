//! Exercise `session_scope`: no request outlives the session (the lecture's "Session is
//! closed"), the requests run concurrently (1 s for 10, a timeline on failure), and a
//! failing request cancels its siblings, which are stopped (their in-flight guards
//! dropped, counted by the fake server) before the session is closed and `load_many`
//! returns. Paused clock throughout.

use std::time::Duration;

use lesson_06_async_cleanup::session_scope::{Server, SessionError, load_many};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use shared::watchdog::within_async;

const STILL_RUNNING: &str = "dropping a `JoinHandle` does not cancel its task (it goes on, \
    detached), and a dropped `JoinSet` aborts its tasks without waiting for them to stop. \
    Stop the siblings and wait until they are stopped before closing the session: \
    `JoinSet::shutdown().await`";

/// What must hold right when `load_many` has returned, whatever it returned.
fn assert_scope_closed(server: &Server, what: &str) {
    assert_eq!(
        server.in_flight_at_close(),
        0,
        "{what}: the session was closed while {} request(s) were still running (the \
         lecture's \"Session is closed\"): {STILL_RUNNING}",
        server.in_flight_at_close()
    );
    assert_eq!(
        server.in_flight(),
        0,
        "{what}: {} request(s) were still running when `load_many` returned: {STILL_RUNNING}",
        server.in_flight()
    );
    assert_eq!(
        server.closes(),
        1,
        "{what}: the session must be closed exactly once, before `load_many` returns \
         (it was closed {} times)",
        server.closes()
    );
}

#[graded::test(tokio, start_paused = true)]
async fn no_request_meets_a_closed_session() {
    let server = Server::new();
    let result = within_async(
        Duration::from_secs(30),
        "`load_many(&server, 10)`",
        load_many(&server, 10),
    )
    .await;
    assert_eq!(
        server.met_closed(),
        0,
        "{} request(s) found the session closed (\"Session is closed\", the lecture's \
         RuntimeError): the session was closed before the requests had finished. Await \
         every request inside the scope, then close",
        server.met_closed()
    );
    assert_scope_closed(&server, "after 10 requests");
    let expected: Vec<String> = (0..10).map(|n| format!("page {n}")).collect();
    assert_eq!(
        result,
        Ok(expected),
        "the pages, in request order (put each result at its request's index)"
    );
    // Nothing goes on behind our back.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        (server.completed(), server.met_closed()),
        (10, 0),
        "after `load_many` returned, requests went on running: {STILL_RUNNING}"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn ten_requests_run_at_the_same_time() {
    let server = Server::new();
    let timeline = Timeline::new();
    let start = tokio::time::Instant::now();
    let result = within_async(
        Duration::from_secs(30),
        "`load_many(&server, 10)`",
        load_many(&server, 10),
    )
    .await;
    assert!(
        result.is_ok(),
        "10 requests on a healthy server: {result:?}"
    );
    // The requests as the server saw them (the server was created at this test's start).
    let spans = server.spans();
    for (n, started, ended) in &spans {
        timeline.record(format!("request {n}"), *started, *ended);
    }
    timeline.record("load_many", Duration::ZERO, Some(start.elapsed()));
    timeline.assert_elapsed(
        start.elapsed(),
        Duration::from_millis(1010),
        "10 requests of 1 s each, then a close of 10 ms: the requests ran one after \
         another. Are they awaited one by one in a loop, or does each hold a lock (a \
         guard) across its request's `.await`? Start them all, then wait for them all",
    );
    let every_request: Vec<_> = (0..10)
        .map(|n| (n, Duration::ZERO, Some(Duration::from_secs(1))))
        .collect();
    let mut sorted = spans;
    sorted.sort();
    assert_eq!(
        sorted, every_request,
        "every request must run from 0 s to 1 s:\n{timeline}"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_failing_request_cancels_its_siblings() {
    let server = Server::failing(3);
    let start = tokio::time::Instant::now();
    let result = within_async(
        Duration::from_secs(30),
        "`load_many` on a server where request 3 fails",
        load_many(&server, 10),
    )
    .await;
    let took = start.elapsed();
    assert_eq!(
        result,
        Err(SessionError::Failed(3)),
        "request 3 failed: `load_many` must return its error"
    );
    assert_scope_closed(&server, "after request 3 failed");
    assert_eq!(
        (server.completed(), server.cancelled()),
        (0, 9),
        "after request 3 failed at 0.5 s, the 9 other requests must be cancelled (their \
         futures dropped before they complete), not run to the end: abort them \
         (`JoinSet::shutdown`, or drop the joined futures)"
    );
    assert_eq!(
        took,
        Duration::from_millis(510),
        "request 3 fails at 0.5 s; cancelling the others takes no time, closing 10 ms"
    );
    assert_eq!(
        server.met_closed(),
        0,
        "no request may meet the closed session"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn small_scopes_work_too() {
    let server = Server::new();
    assert_eq!(
        load_many(&server, 0).await,
        Ok(vec![]),
        "no requests: no pages"
    );
    assert_eq!(server.closes(), 1, "even an empty scope closes its session");
    let server = Server::failing(0);
    assert_eq!(load_many(&server, 1).await, Err(SessionError::Failed(0)));
    assert_scope_closed(&server, "after the only request failed");
    let server = Server::failing(7);
    assert_eq!(
        load_many(&server, 3).await,
        Ok(vec!["page 0".into(), "page 1".into(), "page 2".into()]),
        "request 7 is not among 0..3"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn the_bug_as_the_server_sees_it() {
    // The given server, used the wrong way on purpose: a session closed under a request.
    let server = Server::new();
    let session = server.open();
    let request = tokio::spawn({
        let session = session.clone();
        async move { session.get(0).await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        (server.in_flight(), server.closes()),
        (1, 0),
        "the request runs, the session is open"
    );
    session.close().await;
    assert_eq!(
        (server.closes(), server.in_flight_at_close()),
        (1, 1),
        "the session was closed under a running request"
    );
    assert_eq!(
        request.await.unwrap(),
        Err(SessionError::Closed),
        "the request ends under a closed session: \"Session is closed\""
    );
    assert_eq!(session.get(1).await, Err(SessionError::Closed));
    assert_eq!(
        (server.met_closed(), server.in_flight(), server.completed()),
        (2, 0, 0),
        "both requests met the closed session"
    );
}
