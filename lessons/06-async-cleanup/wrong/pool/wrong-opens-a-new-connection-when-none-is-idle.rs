// Never waits: when no connection is idle, `get` opens a new one, so the pool grows with
// the load and the limit of 3 is gone.
//
// expect: failed
// message: although all 3 were out

use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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
    opened: Arc<AtomicUsize>,
}

/// A connection borrowed from a [`Pool`]; dropping it gives the connection back.
#[derive(Debug)]
pub struct PooledConn {
    conn: Option<Conn>,
    idle: Arc<Mutex<Vec<Conn>>>,
}

impl Pool {
    /// A pool of `size` idle connections, with ids `0..size`.
    pub fn new(size: usize) -> Pool {
        Pool {
            idle: Arc::new(Mutex::new((0..size).map(|id| Conn { id }).collect())),
            opened: Arc::new(AtomicUsize::new(size)),
        }
    }

    /// Borrows a connection, waiting (asleep) until one is idle.
    pub async fn get(&self) -> PooledConn {
        let free = self.idle.lock().unwrap().pop();
        let conn = free.unwrap_or_else(|| Conn {
            id: self.opened.fetch_add(1, Ordering::SeqCst),
        });
        PooledConn {
            conn: Some(conn),
            idle: Arc::clone(&self.idle),
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

impl Drop for PooledConn {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.idle.lock().unwrap().push(conn);
        }
    }
}
