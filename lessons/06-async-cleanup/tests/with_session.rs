//! Exercise `with_session`: the session is closed after the body on `Ok`, on `Err` and on
//! a panic (the panic re-raised), and the close is awaited before `with_session` returns.
//!
//! The fake server counts sessions opened, closed (a completed `close().await`) and leaked
//! (dropped open). Every test runs on tokio's paused clock, so the 10 ms opens and closes
//! take no real time.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt;
use lesson_06_async_cleanup::with_session::{Server, Session, SessionError, with_session};
use pretty_assertions::assert_eq;
use shared::panics;

/// Asserts that exactly one session was opened and closed by the time `with_session`
/// returned; `path` says how the body ended, for the message.
async fn assert_closed_on_return(server: &Server, path: &str) {
    assert_eq!(
        server.opened(),
        1,
        "`with_session` opened {} sessions, expected exactly one (`Session::open` once)",
        server.opened()
    );
    if server.closed() == 1 {
        return;
    }
    if server.leaked() > 0 {
        panic!(
            "when the body {path}, the session was dropped without `close().await` (leaked): \
             Rust has no async Drop, dropping a Session does not close it. Call \
             `session.close().await` on this path too"
        );
    }
    // Not closed yet and not leaked: is a close still running somewhere?
    tokio::time::sleep(Duration::from_secs(1)).await;
    if server.closed() == 1 {
        panic!(
            "when the body {path}, the session was closed only after `with_session` had \
             returned: the close was spawned (or otherwise not awaited). Await \
             `session.close()` in `with_session` itself, before returning"
        );
    }
    panic!(
        "when the body {path}, the session was never closed ({} closed, {} leaked): close it \
         on this path too",
        server.closed(),
        server.leaked()
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_body_that_returns_err_still_closes_the_session() {
    let server = Server::new();
    let result: Result<String, SessionError> = with_session(&server, async |s| {
        let page = s.get("/missing").await?;
        Ok(page)
    })
    .await;
    assert_closed_on_return(
        &server,
        "returned Err (a `?` that returns early must not skip the close: run the body, \
         keep its Result, close, then return the Result)",
    )
    .await;
    assert_eq!(
        result,
        Err(SessionError::Failed("404 /missing".to_string())),
        "`with_session` must return the body's error unchanged"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_panicking_body_closes_the_session_and_the_panic_goes_on() {
    let server = Server::new();
    let outcome = AssertUnwindSafe(with_session(&server, async |s| -> Result<(), _> {
        s.get("/users").await?;
        panics::panic_on_purpose("the body failed")
    }))
    .catch_unwind()
    .await;
    match outcome {
        Err(payload) => assert_eq!(
            panics::message(payload.as_ref()),
            "the body failed",
            "the body's panic must go on with its own payload (`std::panic::resume_unwind`), \
             not a new panic"
        ),
        Ok(result) => panic!(
            "the body panicked, but `with_session` returned {result:?}: the panic was \
             swallowed. Catch it only to close the session, then re-raise it with \
             `std::panic::resume_unwind(payload)`"
        ),
    }
    assert_closed_on_return(
        &server,
        "panicked (catch the panic with `AssertUnwindSafe(fut).catch_unwind().await` from \
         `futures::FutureExt`, close, then `resume_unwind`)",
    )
    .await;
}

#[graded::test(tokio, start_paused = true)]
async fn an_ok_body_returns_its_value_and_closes_after_it() {
    let server = Server::new();
    let seen = server.clone();
    let result = with_session(&server, async |s| {
        let page = s.get("/users").await?;
        // The session is still open while the body runs.
        Ok((page, seen.closed(), seen.leaked()))
    })
    .await;
    assert_closed_on_return(&server, "returned Ok").await;
    let (page, closed_during_body, leaked_during_body) = result.expect("the body returned Ok");
    assert_eq!(
        (closed_during_body, leaked_during_body),
        (0, 0),
        "the session was closed before the body finished: close it after the body's future \
         completes"
    );
    assert_eq!(
        page, "response to /users",
        "`with_session` must return the body's value"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn each_call_opens_and_closes_its_own_session() {
    let server = Server::new();
    for round in 1..=3 {
        let result = with_session(&server, async |s| s.get("/round").await).await;
        assert_eq!(result, Ok("response to /round".to_string()));
        assert_eq!(
            (server.opened(), server.closed(), server.leaked()),
            (round, round, 0),
            "after {round} calls, expected {round} sessions opened and closed, none leaked"
        );
    }
}

#[graded::test(tokio, start_paused = true)]
async fn a_dropped_session_is_leaked_not_closed() {
    // The given `Session`: what `with_session` must avoid.
    let server = Server::new();
    let session = Session::open(&server).await;
    drop(session);
    assert_eq!(
        (server.opened(), server.closed(), server.leaked()),
        (1, 0, 1),
        "a Session dropped without `close().await` is counted as leaked"
    );
    let session = Session::open(&server).await;
    session.close().await;
    assert_eq!(
        (server.opened(), server.closed(), server.leaked()),
        (2, 1, 1),
        "a closed Session is not leaked"
    );
}
