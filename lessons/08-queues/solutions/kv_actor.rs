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
// begin solution
use tokio::sync::{mpsc, oneshot};
// starter:
// end solution
use tokio::task::JoinHandle;

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    /// The actor has stopped: nobody will ever answer.
    #[error("the key-value actor has stopped")]
    Stopped,
}
// begin solution

/// The messages the actor understands; each carries where to send its reply.
#[derive(Debug)]
enum Request {
    Get {
        key: String,
        reply: oneshot::Sender<Option<String>>,
    },
    Set {
        key: String,
        value: String,
        reply: oneshot::Sender<Option<String>>,
    },
    Stop {
        reply: oneshot::Sender<()>,
    },
}
// starter:
// end solution

/// A handle to the key-value actor; clone it to share the actor.
#[derive(Debug, Clone)]
pub struct KvHandle {
    // begin solution
    requests: mpsc::Sender<Request>,
    // starter:
    // // The fields you need.
    // end solution
}

/// Spawns the key-value actor: a handle to it, and its task, which returns the map when
/// the actor stops.
pub fn spawn_kv() -> (KvHandle, JoinHandle<HashMap<String, String>>) {
    // begin solution: a request queue, and a task that owns the map and loops over the requests
    let (requests, mut queue) = mpsc::channel(32);
    let task = tokio::spawn(async move {
        let mut map = HashMap::new();
        // `None` once every handle is gone.
        while let Some(request) = queue.recv().await {
            match request {
                // The requester may have given up: a failed reply is nobody's problem.
                Request::Get { key, reply } => {
                    let _ = reply.send(map.get(&key).cloned());
                }
                Request::Set { key, value, reply } => {
                    let _ = reply.send(map.insert(key, value));
                }
                Request::Stop { reply } => {
                    let _ = reply.send(());
                    break;
                }
            }
        }
        // Dropping `queue` drops the requests still in it, and with them their reply
        // senders: their requesters get an error at once.
        map
    });
    (KvHandle { requests }, task)
    // end solution
}
// begin solution

impl KvHandle {
    /// Sends the request that `make` builds around a reply sender, and awaits the reply.
    async fn ask<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<T>) -> Request,
    ) -> Result<T, ActorError> {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send(make(reply))
            .await
            .map_err(|_| ActorError::Stopped)?;
        // An error here: the actor dropped the reply sender without answering.
        answer.await.map_err(|_| ActorError::Stopped)
    }
}
// starter:
// end solution

impl KvHandle {
    /// The value stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, ActorError> {
        // begin solution: send a Get with a oneshot sender, await the receiver
        let key = key.to_owned();
        self.ask(|reply| Request::Get { key, reply }).await
        // end solution
    }

    /// Stores `value` under `key`; the value it replaced, if any.
    pub async fn set(&self, key: &str, value: &str) -> Result<Option<String>, ActorError> {
        // begin solution: send a Set with a oneshot sender, await the receiver
        let (key, value) = (key.to_owned(), value.to_owned());
        self.ask(|reply| Request::Set { key, value, reply }).await
        // end solution
    }

    /// Stops the actor once the requests sent before are answered.
    pub async fn stop(&self) -> Result<(), ActorError> {
        // begin solution: send a Stop through the same queue, await its acknowledgement
        self.ask(|reply| Request::Stop { reply }).await
        // end solution
    }
}
