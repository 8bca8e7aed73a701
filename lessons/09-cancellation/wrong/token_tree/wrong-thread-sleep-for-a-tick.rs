// Waits for each tick with std::thread::sleep: it blocks the runtime's only thread, so no
// other task runs and the token can never be cancelled; the worker loops forever.
//
// expect: failed
// message: a worker is blocking the runtime's only thread

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
    let mut ticks = 0;
    while !token.is_cancelled() {
        std::thread::sleep(TICK);
        ticks += 1;
    }
    ticks
}

/// Spawns `groups` × `per_group` workers under `root`: group tokens are children of
/// `root`, worker tokens children of their group's.
pub fn start_team(root: &CancellationToken, groups: usize, per_group: usize) -> Team {
    let groups = (0..groups)
        .map(|_| {
            let token = root.child_token();
            let workers = (0..per_group)
                .map(|_| {
                    let token = token.child_token();
                    let handle = tokio::spawn(worker(token.clone()));
                    Worker { token, handle }
                })
                .collect();
            Group { token, workers }
        })
        .collect();
    Team { groups }
}
