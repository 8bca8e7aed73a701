//! # A connection pool: guards that come back on drop
//!
//! Write [`Pool`], a pool of connections handed out as RAII guards ([`PooledConn`]): a
//! user borrows a connection with `pool.get().await`, uses it through the guard (it
//! dereferences to [`Conn`]), and gives it back by dropping the guard, whichever way that
//! happens: at the end of a scope, on an early return, on a panic, or because the future
//! that held it was cancelled (dropped by a `timeout` or a `select!`).
//!
//! - [`Pool::new(size)`](Pool::new) creates `size` connections with ids `0..size`, all
//!   idle. [`Pool`] is cheap to clone: clones share the connections.
//! - [`Pool::get`] hands out an idle connection at once if there is one. When all of them
//!   are out, it waits until one is given back, then takes that one. It never creates a
//!   connection and never hands one connection to two users at once: at most `size`
//!   guards exist at any time.
//! - A waiting `get` sleeps: it is woken when a connection comes back, not before. A loop
//!   that checks, then `yield_now()`s or `sleep`s a little, and checks again (busy-polling)
//!   keeps the runtime busy and is rejected. `tokio::sync::Semaphore` (a permit per idle
//!   connection) or `tokio::sync::Notify` wake exactly the waiting users.
//! - Dropping a [`PooledConn`] gives its connection back to the pool at once (by the time
//!   `drop` returns, [`Pool::idle`] counts it) and lets a waiting `get` take it.
//! - A `get` cancelled while it waits takes nothing and loses nothing.
//! - [`Pool::idle`] is the number of connections in the pool now (not handed out).
//!
//! With 3 connections, 9 users that each hold a connection for 1 s take 3 s in all:
//!
//! ```text
//! let pool = Pool::new(3);
//! for _ in 0..9: spawn(async { let conn = pool.get().await; sleep(1 s).await; })
//! // users 0-2 from 0 s to 1 s, users 3-5 from 1 s to 2 s, users 6-8 from 2 s to 3 s
//! ```

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
    // The fields you need: the idle connections, and a way to wait for one.
    idle: Arc<Mutex<Vec<Conn>>>,
}

/// A connection borrowed from a [`Pool`]; dropping it gives the connection back.
#[derive(Debug)]
pub struct PooledConn {
    // The fields you need: the connection, and how to give it back.
}

impl Pool {
    /// A pool of `size` idle connections, with ids `0..size`.
    pub fn new(size: usize) -> Pool {
        todo!("the connections, and a permit for each")
    }

    /// Borrows a connection, waiting (asleep) until one is idle.
    pub async fn get(&self) -> PooledConn {
        todo!("wait for a permit, then take an idle connection")
    }

    /// How many connections are in the pool now.
    pub fn idle(&self) -> usize {
        self.idle.lock().unwrap().len()
    }
}

impl Deref for PooledConn {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        todo!("the borrowed connection")
    }
}

// Give the connection back: `impl Drop for PooledConn`.
