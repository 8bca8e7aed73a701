// The actor task keeps a handle to itself (to send itself messages later, say): the
// request queue then always has a sender, `recv` never returns `None`, and the actor never
// ends when the users drop their handles.
//
// expect: failed
// message: Does the actor keep a Sender

use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    /// The actor has stopped: nobody will ever answer.
    #[error("the key-value actor has stopped")]
    Stopped,
}

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

/// A handle to the key-value actor; clone it to share the actor.
#[derive(Debug, Clone)]
pub struct KvHandle {
    requests: mpsc::Sender<Request>,
}

/// Spawns the key-value actor: a handle to it, and its task, which returns the map when
/// the actor stops.
pub fn spawn_kv() -> (KvHandle, JoinHandle<HashMap<String, String>>) {
    let (requests, mut queue) = mpsc::channel(32);
    let myself = KvHandle {
        requests: requests.clone(),
    };
    let task = tokio::spawn(async move {
        let _myself = myself;
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
}

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

impl KvHandle {
    /// The value stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, ActorError> {
        let key = key.to_owned();
        self.ask(|reply| Request::Get { key, reply }).await
    }

    /// Stores `value` under `key`; the value it replaced, if any.
    pub async fn set(&self, key: &str, value: &str) -> Result<Option<String>, ActorError> {
        let (key, value) = (key.to_owned(), value.to_owned());
        self.ask(|reply| Request::Set { key, value, reply }).await
    }

    /// Stops the actor once the requests sent before are answered.
    pub async fn stop(&self) -> Result<(), ActorError> {
        self.ask(|reply| Request::Stop { reply }).await
    }
}
