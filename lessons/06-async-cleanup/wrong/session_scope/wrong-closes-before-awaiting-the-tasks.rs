// The lecture's bug: spawns the requests inside the session's scope, closes the session at
// the end of the scope, and awaits the tasks only afterwards. Every request meets a closed
// session.
//
// expect: failed
// message: Session is closed
// message: found the session closed

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// Why a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// The session was closed before the request started, or while it ran.
    #[error("Session is closed")]
    Closed,
    /// The server failed request `n`.
    #[error("request {0} failed")]
    Failed(usize),
}

/// The fake server (given). Cheap to clone: clones share the counters.
#[derive(Debug, Clone)]
pub struct Server {
    failing: Option<usize>,
    stats: Arc<Stats>,
}

#[derive(Debug)]
struct Stats {
    origin: Instant,
    spans: Mutex<Vec<(usize, Duration, Option<Duration>)>>,
    in_flight: AtomicUsize,
    completed: AtomicUsize,
    cancelled: AtomicUsize,
    met_closed: AtomicUsize,
    closes: AtomicUsize,
    in_flight_at_close: AtomicUsize,
}

impl Server {
    /// A server that answers every request.
    pub fn new() -> Server {
        Server {
            failing: None,
            stats: Arc::new(Stats {
                origin: Instant::now(),
                spans: Mutex::default(),
                in_flight: AtomicUsize::default(),
                completed: AtomicUsize::default(),
                cancelled: AtomicUsize::default(),
                met_closed: AtomicUsize::default(),
                closes: AtomicUsize::default(),
                in_flight_at_close: AtomicUsize::default(),
            }),
        }
    }

    /// A server on which request `n` fails after 0.5 s.
    pub fn failing(n: usize) -> Server {
        Server {
            failing: Some(n),
            ..Server::new()
        }
    }

    /// Opens a session.
    pub fn open(&self) -> Session {
        Session {
            server: self.clone(),
            closed: Arc::new(AtomicBool::new(false)),
        }
    }

    /// When each request ran, on tokio's clock since the server was created: `(n, start,
    /// end)`, in the order they started (`end` is `None` while it runs).
    pub fn spans(&self) -> Vec<(usize, Duration, Option<Duration>)> {
        self.stats.spans.lock().unwrap().clone()
    }

    /// Requests running now.
    pub fn in_flight(&self) -> usize {
        self.stats.in_flight.load(Ordering::SeqCst)
    }

    /// Requests that completed with a page.
    pub fn completed(&self) -> usize {
        self.stats.completed.load(Ordering::SeqCst)
    }

    /// Requests dropped before they completed.
    pub fn cancelled(&self) -> usize {
        self.stats.cancelled.load(Ordering::SeqCst)
    }

    /// Requests that found their session closed ("Session is closed").
    pub fn met_closed(&self) -> usize {
        self.stats.met_closed.load(Ordering::SeqCst)
    }

    /// How many times a session was closed.
    pub fn closes(&self) -> usize {
        self.stats.closes.load(Ordering::SeqCst)
    }

    /// Requests that were still in flight when a session was closed, summed over the closes.
    pub fn in_flight_at_close(&self) -> usize {
        self.stats.in_flight_at_close.load(Ordering::SeqCst)
    }
}

/// A session: a cheap handle, clone it into every request (given).
#[derive(Debug, Clone)]
pub struct Session {
    server: Server,
    closed: Arc<AtomicBool>,
}

/// Counts a request in flight; one dropped before it completed counts as cancelled.
struct InFlight<'a> {
    stats: &'a Stats,
    span: usize,
    completed: bool,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let now = self.stats.origin.elapsed();
        self.stats.spans.lock().unwrap()[self.span].2 = Some(now);
        self.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
        if !self.completed {
            self.stats.cancelled.fetch_add(1, Ordering::SeqCst);
        }
    }
}

impl Session {
    /// Request number `n`: 1 s, then `"page n"` (see the task statement).
    pub async fn get(&self, n: usize) -> Result<String, SessionError> {
        let stats = &self.server.stats;
        if self.closed.load(Ordering::SeqCst) {
            stats.met_closed.fetch_add(1, Ordering::SeqCst);
            return Err(SessionError::Closed);
        }
        stats.in_flight.fetch_add(1, Ordering::SeqCst);
        let span = {
            let mut spans = stats.spans.lock().unwrap();
            spans.push((n, stats.origin.elapsed(), None));
            spans.len() - 1
        };
        let mut in_flight = InFlight {
            stats,
            span,
            completed: false,
        };
        if self.server.failing == Some(n) {
            tokio::time::sleep(Duration::from_millis(500)).await;
            in_flight.completed = true;
            return Err(SessionError::Failed(n));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        in_flight.completed = true;
        if self.closed.load(Ordering::SeqCst) {
            stats.met_closed.fetch_add(1, Ordering::SeqCst);
            return Err(SessionError::Closed);
        }
        stats.completed.fetch_add(1, Ordering::SeqCst);
        Ok(format!("page {n}"))
    }

    /// Closes the session; takes 10 ms.
    pub async fn close(&self) {
        let stats = &self.server.stats;
        stats
            .in_flight_at_close
            .fetch_add(stats.in_flight.load(Ordering::SeqCst), Ordering::SeqCst);
        self.closed.store(true, Ordering::SeqCst);
        stats.closes.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Runs the requests `0..count` concurrently in one session, and closes it only when no
/// request is running any more.
pub async fn load_many(server: &Server, count: usize) -> Result<Vec<String>, SessionError> {
    let session = server.open();
    let tasks: Vec<_> = (0..count)
        .map(|n| {
            let session = session.clone();
            tokio::spawn(async move { session.get(n).await })
        })
        .collect();
    session.close().await;
    let mut pages = Vec::new();
    for task in tasks {
        pages.push(task.await.expect("a request panicked")?);
    }
    Ok(pages)
}
