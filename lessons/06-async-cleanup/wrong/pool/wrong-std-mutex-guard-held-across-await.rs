// Locks the idle list (a `std::sync::MutexGuard`) and, while holding it, awaits a `Notify`
// until a connection is there: a std guard held across `.await`. The future is not `Send`,
// so it cannot be spawned (and on one thread, the user who would give a connection back
// could never lock the list).
//
// expect: compile_error
// message: cannot be sent between threads safely

use std::ops::Deref;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

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
    returned: Arc<Notify>,
}

/// A connection borrowed from a [`Pool`]; dropping it gives the connection back.
#[derive(Debug)]
pub struct PooledConn {
    conn: Option<Conn>,
    idle: Arc<Mutex<Vec<Conn>>>,
    returned: Arc<Notify>,
}

impl Pool {
    /// A pool of `size` idle connections, with ids `0..size`.
    pub fn new(size: usize) -> Pool {
        Pool {
            idle: Arc::new(Mutex::new((0..size).map(|id| Conn { id }).collect())),
            returned: Arc::new(Notify::new()),
        }
    }

    /// Borrows a connection, waiting (asleep) until one is idle.
    pub async fn get(&self) -> PooledConn {
        let mut idle = self.idle.lock().unwrap();
        loop {
            if let Some(conn) = idle.pop() {
                return PooledConn {
                    conn: Some(conn),
                    idle: Arc::clone(&self.idle),
                    returned: Arc::clone(&self.returned),
                };
            }
            self.returned.notified().await;
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
            self.returned.notify_one();
        }
    }
}
