//! # An actor: a key-value store that answers over `oneshot` replies
//!
//! An actor is a task that owns its state alone and changes it only in answer to the
//! messages it receives, one at a time, from a queue: no lock is needed, because nothing
//! else can touch the state. Whoever wants something from it sends a request carrying a
//! [`tokio::sync::oneshot::Sender`] and awaits the reply on the matching receiver.
//!
//! Write [`spawn_kv`] and the methods of [`KvHandle`]:
//!
//! - `spawn_kv()` spawns the actor task, which owns a `HashMap<String, String>`, and
//!   returns a handle to it and the task's `JoinHandle`. Handles are cheap to clone; every
//!   clone talks to the same actor. The actor handles the requests one at a time, in the
//!   order they were sent.
//! - `set(key, value)` stores `value` under `key` and returns the value it replaced
//!   (`None` if the key was new); `get(key)` returns the value stored under `key`, if any.
//! - `stop()` stops the actor: requests sent before it are answered first; then the
//!   actor task ends, returning its map through its `JoinHandle`, and `stop` returns
//!   `Ok(())` once the actor has stopped.
//! - The actor task also ends, returning its map, when every handle has been dropped.
//! - A request to a stopped actor (sent after `stop`, or left in its queue when it
//!   stopped) returns `Err(ActorError::Stopped)` at once: never a hang, never a panic,
//!   never an answer that looks like a missing key. That holds for `stop` too.
//!
//! ```text
//! let (kv, task) = spawn_kv();
//! kv.set("lang", "rust").await == Ok(None)
//! kv.set("lang", "Rust").await == Ok(Some("rust"))
//! kv.get("lang").await == Ok(Some("Rust"))
//! kv.stop().await == Ok(())
//! kv.get("lang").await == Err(ActorError::Stopped)
//! task.await.unwrap() == {"lang": "Rust"}
//! ```

use std::collections::HashMap;
use tokio::task::JoinHandle;

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    /// The actor has stopped: nobody will ever answer.
    #[error("the key-value actor has stopped")]
    Stopped,
}

/// A handle to the key-value actor; clone it to share the actor.
#[derive(Debug, Clone)]
pub struct KvHandle {
    // The fields you need.
}

/// Spawns the key-value actor: a handle to it, and its task, which returns the map when
/// the actor stops.
pub fn spawn_kv() -> (KvHandle, JoinHandle<HashMap<String, String>>) {
    todo!("a request queue, and a task that owns the map and loops over the requests")
}

impl KvHandle {
    /// The value stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, ActorError> {
        todo!("send a Get with a oneshot sender, await the receiver")
    }

    /// Stores `value` under `key`; the value it replaced, if any.
    pub async fn set(&self, key: &str, value: &str) -> Result<Option<String>, ActorError> {
        todo!("send a Set with a oneshot sender, await the receiver")
    }

    /// Stops the actor once the requests sent before are answered.
    pub async fn stop(&self) -> Result<(), ActorError> {
        todo!("send a Stop through the same queue, await its acknowledgement")
    }
}
