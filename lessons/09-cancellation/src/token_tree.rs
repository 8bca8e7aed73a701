//! # A tree of cancellation tokens
//!
//! A [`CancellationToken`] (crate `tokio-util`) is a shared "please stop" flag that tasks
//! can *await*: `token.cancelled()` is a future that completes when `token.cancel()` is
//! called (or at once if it already was). `token.child_token()` derives a child:
//! cancelling a parent cancels all its descendants, cancelling a child cancels only the
//! child and its own descendants, never the parent. (A `clone()` is not a child: it is the
//! same token.)
//!
//! Build a team of workers under a `root` token, as a tree of three levels:
//!
//! ```text
//! root ─┬─ group 0 ─┬─ worker 0     cancel root      → every worker stops
//!       │           └─ worker 1     cancel group 1   → only group 1's workers stop
//!       └─ group 1 ─┬─ worker 0     cancel a worker  → only that worker stops
//!                   └─ worker 1
//! ```
//!
//! 1. [`worker`]: do one unit of work every [`TICK`] (here: `tokio::time::sleep(TICK)`,
//!    then count it) until `token` is cancelled, then return the number of ticks
//!    completed. It must stop *at once* when the token is cancelled, also in the middle of
//!    a tick (a tick in progress is abandoned and not counted): wait for the tick and
//!    for `token.cancelled()` at the same time (`tokio::select!`). A token cancelled
//!    before the worker starts gives 0 ticks. With the token cancelled at t = 1 s, a
//!    worker started at t = 0 returns 3 (ticks done at 0.3, 0.6 and 0.9 s) at t = 1 s.
//! 2. [`start_team`]: `groups` groups of `per_group` workers each. Every group's token is
//!    a child of `root`, every worker's token a child of its group's token; spawn each
//!    worker (`tokio::spawn(worker(token))`) and keep its token and `JoinHandle` in
//!    the returned [`Team`], in order (group 0 first, worker 0 first).
//!
//! The tests cancel tokens of the tree at t = 1 s on tokio's paused clock and check which
//! workers stopped, and that they stopped at t = 1 s exactly, not at their next tick.

use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// How often a worker does one unit of work.
pub const TICK: Duration = Duration::from_millis(300);

/// A team: its groups, in order.
#[derive(Debug)]
pub struct Team {
    pub groups: Vec<Group>,
}

/// A group: its token (a child of the root) and its workers, in order.
#[derive(Debug)]
pub struct Group {
    pub token: CancellationToken,
    pub workers: Vec<Worker>,
}

/// A spawned worker: its token (a child of its group's) and its task.
#[derive(Debug)]
pub struct Worker {
    pub token: CancellationToken,
    pub handle: JoinHandle<u32>,
}

/// Ticks every [`TICK`] until `token` is cancelled; returns the number of ticks completed.
pub async fn worker(token: CancellationToken) -> u32 {
    todo!("loop on a select! between token.cancelled() and one tick")
}

/// Spawns `groups` × `per_group` workers under `root`: group tokens are children of
/// `root`, worker tokens children of their group's.
pub fn start_team(root: &CancellationToken, groups: usize, per_group: usize) -> Team {
    todo!("child_token at each level; spawn each worker with its own token")
}
