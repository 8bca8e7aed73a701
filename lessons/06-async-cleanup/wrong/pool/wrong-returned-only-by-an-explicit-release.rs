// Gives connections back with an explicit `release(self)`, as a Python user would call
// `close()`, and no `Drop`: a guard that is simply dropped (end of scope, `?`, a
// cancellation) takes its connection with it.
//
// expect: failed
// message: dropping a guard did not give its connection back

use std::ops::Deref;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A database connection (given).
#[derive(Debug, PartialEq, Eq)]
pub struct Conn {
    /// Which connection of the pool this is, `0..size`.
    pub id: usize,
}

/// A pool of connections. Cheap to clone: clones share the pool.
#[derive(Debug, Clone)]
pub struct Pool {
    idle: Arc<Mutex<Vec<Conn>>>,
    permits: Arc<Semaphore>,
}

/// A connection borrowed from a [`Pool`]; dropping it gives the connection back.
#[derive(Debug)]
pub struct PooledConn {
    conn: Option<Conn>,
    idle: Arc<Mutex<Vec<Conn>>>,
    // Released after `drop` has put the connection back: fields drop after `Drop::drop`.
    _permit: OwnedSemaphorePermit,
}

impl Pool {
    /// A pool of `size` idle connections, with ids `0..size`.
    pub fn new(size: usize) -> Pool {
        Pool {
            idle: Arc::new(Mutex::new((0..size).map(|id| Conn { id }).collect())),
            permits: Arc::new(Semaphore::new(size)),
        }
    }

    /// Borrows a connection, waiting (asleep) until one is idle.
    pub async fn get(&self) -> PooledConn {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .expect("the pool never closes its semaphore");
        let conn = self
            .idle
            .lock()
            .unwrap()
            .pop()
            .expect("a permit guarantees an idle connection");
        PooledConn {
            conn: Some(conn),
            idle: Arc::clone(&self.idle),
            _permit: permit,
        }
    }

    /// How many connections are in the pool now.
    pub fn idle(&self) -> usize {
        self.idle.lock().unwrap().len()
    }
}

impl Deref for PooledConn {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        self.conn.as_ref().expect("present until dropped")
    }
}

impl PooledConn {
    /// Gives the connection back to the pool.
    pub fn release(mut self) {
        if let Some(conn) = self.conn.take() {
            self.idle.lock().unwrap().push(conn);
        }
    }
}
