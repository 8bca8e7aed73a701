// Lets the session go out of scope, as if dropping it closed it (Python's `with` habit):
// Rust has no async Drop, so the session is never closed, only dropped.
//
// expect: failed
// message: dropped without `close().await`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

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
    let session = Session::open(server).await;
    body(&session).await
}
