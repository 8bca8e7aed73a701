// Waits for a connection by checking every 10 ms: less busy than a `yield_now` loop, but
// still woken a hundred times a second for nothing, and late by up to 10 ms.
//
// expect: failed
// message: busy-polls

use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
            tokio::time::sleep(Duration::from_millis(10)).await;
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
