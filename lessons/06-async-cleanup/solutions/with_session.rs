//! # `async with`: a session closed on every path
//!
//! Write [`with_session`], Rust's `async with ClientSession() as session:`. Python calls
//! `__aenter__` before the block and `__aexit__` after it, however the block ends:
//!
//! ```text
//! async with aiohttp.ClientSession() as session:    # __aenter__: open
//!     async with session.get(url) as response:
//!         return await response.text()
//! # __aexit__: the session is closed, on return, on an exception, on cancellation
//! ```
//!
//! Rust has no async `Drop`: a destructor cannot `.await`, so it cannot run an async
//! `close`. The async context manager becomes a function that takes the block as an async
//! closure, `with_session(&server, async |s| { ... })`, opens the session, runs the
//! closure with a reference to it, and closes it afterwards.
//!
//! [`Session`] is given: [`Session::open`] opens one (`__aenter__`), [`Session::get`]
//! makes a request, [`Session::close`] closes it (`__aexit__`, async: it takes 10 ms). A
//! session dropped without `close` is *leaked*: the [`Server`] counts it.
//!
//! `with_session(&server, body)` must:
//!
//! - open exactly one session with [`Session::open`] and call `body` once with it;
//! - return what `body` returned, `Ok` or `Err`;
//! - close the session with `close().await` after `body` has finished and *before*
//!   `with_session` returns, on every path: when `body` returns `Ok`, when it returns
//!   `Err` (a `?` inside `body` or inside `with_session` must not skip the close), and
//!   when it panics;
//! - when `body` panics: close the session, then let the panic go on (re-raise it with
//!   its original payload, `std::panic::resume_unwind`); turning the panic into an `Err`
//!   hides the bug from the caller.
//!
//! ```text
//! let text = with_session(&server, async |s| s.get("/users").await).await;
//! text == Ok("response to /users") and server.opened() == 1 and server.closed() == 1
//!
//! with_session(&server, async |s| s.get("/missing").await).await
//!     == Err(SessionError::Failed("404 /missing")), and the session is closed
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
// begin solution
use std::panic::{AssertUnwindSafe, resume_unwind};

use futures::FutureExt;
// starter:
// end solution

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// The server answered with an error.
    #[error("request failed: {0}")]
    Failed(String),
}

/// The fake server: counts the sessions opened, closed, and dropped without a close.
#[derive(Debug, Clone, Default)]
pub struct Server {
    stats: Arc<Stats>,
}

#[derive(Debug, Default)]
struct Stats {
    opened: AtomicUsize,
    closed: AtomicUsize,
    leaked: AtomicUsize,
}

impl Server {
    /// A server that has seen no session yet.
    pub fn new() -> Server {
        Server::default()
    }

    /// How many sessions were opened.
    pub fn opened(&self) -> usize {
        self.stats.opened.load(Ordering::SeqCst)
    }

    /// How many sessions were closed with [`Session::close`] (when the close completed).
    pub fn closed(&self) -> usize {
        self.stats.closed.load(Ordering::SeqCst)
    }

    /// How many sessions were dropped open, without a completed [`Session::close`].
    pub fn leaked(&self) -> usize {
        self.stats.leaked.load(Ordering::SeqCst)
    }
}

/// An open session on a [`Server`] (given).
#[derive(Debug)]
pub struct Session {
    server: Server,
    open: bool,
}

impl Session {
    /// Opens a session (`__aenter__`); takes 10 ms.
    pub async fn open(server: &Server) -> Session {
        tokio::time::sleep(Duration::from_millis(10)).await;
        server.stats.opened.fetch_add(1, Ordering::SeqCst);
        Session {
            server: server.clone(),
            open: true,
        }
    }

    /// A request; takes 100 ms. A path that starts with `/missing` fails with
    /// `SessionError::Failed("404 PATH")`, any other answers `"response to PATH"`.
    pub async fn get(&self, path: &str) -> Result<String, SessionError> {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if path.starts_with("/missing") {
            Err(SessionError::Failed(format!("404 {path}")))
        } else {
            Ok(format!("response to {path}"))
        }
    }

    /// Closes the session (`__aexit__`); takes 10 ms. It counts as closed when it completes.
    pub async fn close(mut self) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        self.open = false;
        self.server.stats.closed.fetch_add(1, Ordering::SeqCst);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.open {
            self.server.stats.leaked.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Opens a session, runs `body` with it, closes it on every path, and returns what `body`
/// returned (or re-raises its panic).
pub async fn with_session<T>(
    server: &Server,
    body: impl AsyncFnOnce(&Session) -> Result<T, SessionError>,
) -> Result<T, SessionError> {
    // begin solution: open, run the body (catching a panic), close, then return or re-raise
    let session = Session::open(server).await;
    let outcome = AssertUnwindSafe(body(&session)).catch_unwind().await;
    session.close().await;
    match outcome {
        Ok(result) => result,
        Err(panic) => resume_unwind(panic),
    }
    // end solution
}
