// Waits for a connection in a loop: take one if there is one, else `yield_now()` and try
// again. The waiting users never sleep: they keep the runtime busy (and under a paused
// clock, time never advances).
//
// expect: failed
// message: busy-polls

use std::ops::Deref;
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
        }
    }

    /// Borrows a connection, waiting (asleep) until one is idle.
    pub async fn get(&self) -> PooledConn {
        loop {
            let free = self.idle.lock().unwrap().pop();
            if let Some(conn) = free {
                return PooledConn {
                    conn: Some(conn),
                    idle: Arc::clone(&self.idle),
                };
            }
            tokio::task::yield_now().await;
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
