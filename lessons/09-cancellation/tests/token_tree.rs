//! Exercise `token_tree`: cancelling a token stops exactly its subtree, at once.
//!
//! Every worker's `JoinHandle` is awaited by a watcher task that records, on tokio's
//! paused clock, when the worker stopped (and draws it on a timeline). The tests cancel a
//! token at t = 1 s, let 500 ms pass, and look at who stopped and when. Each test runs on
//! its own runtime on a watched thread, so a worker that blocks the runtime's thread fails
//! with advice instead of hanging.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_09_cancellation::token_tree::{Team, start_team, worker};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

const SECOND: Duration = Duration::from_secs(1);

/// Runs `body` on a paused current-thread runtime on a thread of its own, under a
/// real-time watchdog (a correct solution needs milliseconds).
fn paused<F: Future<Output = ()> + 'static>(body: fn() -> F) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(3),
        "the test (a worker is blocking the runtime's only thread: std::thread::sleep or a \
         busy loop in `worker`? Wait with tokio::time::sleep(TICK).await in a select! with \
         token.cancelled())",
        body,
    );
}

/// When each worker (group, worker) stopped, and the drawing.
#[derive(Clone)]
struct Watch {
    stopped: Arc<Mutex<BTreeMap<(usize, usize), Duration>>>,
    timeline: Timeline,
}

impl Watch {
    /// Takes every handle out of `team` and awaits it in a watcher task.
    fn new(team: &mut Team) -> Watch {
        let watch = Watch {
            stopped: Arc::default(),
            timeline: Timeline::new(),
        };
        let start = Instant::now();
        for (g, group) in team.groups.iter_mut().enumerate() {
            for (w, worker) in group.workers.iter_mut().enumerate() {
                let handle = std::mem::replace(&mut worker.handle, tokio::spawn(async { 0 }));
                let name = format!("group {g} worker {w}");
                watch.timeline.start(name.clone());
                let watch = watch.clone();
                tokio::spawn(async move {
                    let _ = handle.await;
                    watch.timeline.end(name);
                    watch
                        .stopped
                        .lock()
                        .unwrap()
                        .insert((g, w), start.elapsed());
                });
            }
        }
        watch
    }

    fn stopped(&self, at: (usize, usize)) -> Option<Duration> {
        self.stopped.lock().unwrap().get(&at).copied()
    }
}

/// Starts a team of 3 groups of 2 under a fresh root, and watches it.
fn team() -> (CancellationToken, Team, Watch) {
    let root = CancellationToken::new();
    let mut team = start_team(&root, 3, 2);
    assert_eq!(
        team.groups.len(),
        3,
        "start_team(&root, 3, 2) makes 3 groups"
    );
    for group in &team.groups {
        assert_eq!(
            group.workers.len(),
            2,
            "start_team(&root, 3, 2) makes 2 workers per group"
        );
    }
    let watch = Watch::new(&mut team);
    (root, team, watch)
}

/// Checks that the workers `which` stopped at `at` exactly, with advice.
fn assert_stopped_at(watch: &Watch, which: &[(usize, usize)], at: Duration, cancelled: &str) {
    for &(g, w) in which {
        match watch.stopped((g, w)) {
            Some(when) if when == at => {}
            Some(when) if when > at => panic!(
                "worker {w} of group {g} stopped at {when:?}, {:?} after {cancelled} was \
                 cancelled at {at:?}: it checks for cancellation only between ticks. Wait \
                 for the tick and token.cancelled() together in a tokio::select!, so that \
                 it stops at once\n{}",
                when - at,
                watch.timeline
            ),
            Some(when) => panic!(
                "worker {w} of group {g} stopped at {when:?}, before {cancelled} was \
                 cancelled at {at:?}: a worker runs until its token is cancelled\n{}",
                watch.timeline
            ),
            None => panic!(
                "worker {w} of group {g} was still running 500 ms after {cancelled} was \
                 cancelled at {at:?}: its token is not a descendant of {cancelled}. Derive \
                 every group's token with root.child_token() and every worker's with \
                 group.child_token() (a CancellationToken::new() is a separate tree)\n{}",
                watch.timeline
            ),
        }
    }
}

fn assert_running(watch: &Watch, which: &[(usize, usize)], cancelled: &str, why: &str) {
    for &(g, w) in which {
        if let Some(when) = watch.stopped((g, w)) {
            panic!(
                "cancelling {cancelled} stopped worker {w} of group {g} too (at {when:?}): \
                 {why}\n{}",
                watch.timeline
            );
        }
    }
}

fn all() -> Vec<(usize, usize)> {
    (0..3).flat_map(|g| (0..2).map(move |w| (g, w))).collect()
}

#[graded::test]
fn cancelling_one_group_stops_only_that_group() {
    paused(cancelling_one_group_stops_only_that_group_body);
}

async fn cancelling_one_group_stops_only_that_group_body() {
    let (root, team, watch) = team();
    sleep(SECOND).await;
    team.groups[1].token.cancel();
    sleep(Duration::from_millis(500)).await;
    assert!(
        !root.is_cancelled(),
        "cancelling group 1 cancelled the root: the group's token is the root itself (a \
         clone is the same token); derive it with root.child_token()"
    );
    assert_running(
        &watch,
        &[(0, 0), (0, 1), (2, 0), (2, 1)],
        "group 1",
        "the groups share one token (a clone of the root is the same token, not a child). \
         Give each group its own root.child_token()",
    );
    assert_stopped_at(&watch, &[(1, 0), (1, 1)], SECOND, "group 1");
    assert!(!team.groups[0].token.is_cancelled() && !team.groups[2].token.is_cancelled());
}

#[graded::test]
fn cancelling_the_root_at_one_second_stops_every_worker_at_one_second() {
    paused(cancelling_the_root_at_one_second_stops_every_worker_at_one_second_body);
}

async fn cancelling_the_root_at_one_second_stops_every_worker_at_one_second_body() {
    let (root, _team, watch) = team();
    sleep(SECOND).await;
    root.cancel();
    sleep(Duration::from_millis(500)).await;
    assert_stopped_at(&watch, &all(), SECOND, "the root");
}

#[graded::test]
fn cancelling_one_worker_stops_only_that_worker() {
    paused(cancelling_one_worker_stops_only_that_worker_body);
}

async fn cancelling_one_worker_stops_only_that_worker_body() {
    let (_root, team, watch) = team();
    sleep(SECOND).await;
    team.groups[2].workers[1].token.cancel();
    sleep(Duration::from_millis(500)).await;
    assert!(
        !team.groups[2].token.is_cancelled(),
        "cancelling worker 1 of group 2 cancelled its group: the worker's token is the \
         group's token itself (a clone); derive it with group.child_token()"
    );
    assert_running(
        &watch,
        &[(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)],
        "worker 1 of group 2",
        "the workers share a token; give each worker its own group.child_token()",
    );
    assert_stopped_at(&watch, &[(2, 1)], SECOND, "worker 1 of group 2");
}

#[graded::test]
fn a_group_cancelled_later_stops_later() {
    paused(a_group_cancelled_later_stops_later_body);
}

async fn a_group_cancelled_later_stops_later_body() {
    let (root, team, watch) = team();
    sleep(SECOND).await;
    team.groups[0].token.cancel();
    sleep(SECOND).await;
    root.cancel();
    sleep(Duration::from_millis(500)).await;
    assert_stopped_at(&watch, &[(0, 0), (0, 1)], SECOND, "group 0");
    assert_stopped_at(
        &watch,
        &[(1, 0), (1, 1), (2, 0), (2, 1)],
        2 * SECOND,
        "the root",
    );
}

#[graded::test]
fn a_worker_returns_the_ticks_it_completed() {
    paused(a_worker_returns_the_ticks_it_completed_body);
}

async fn a_worker_returns_the_ticks_it_completed_body() {
    let token = CancellationToken::new();
    let start = Instant::now();
    let running = tokio::spawn(worker(token.clone()));
    sleep(SECOND).await;
    token.cancel();
    let ticks = running.await.unwrap();
    assert_eq!(
        start.elapsed(),
        SECOND,
        "the worker must return at once when its token is cancelled at 1 s"
    );
    assert_eq!(
        ticks, 3,
        "ticks completed at 0.3, 0.6 and 0.9 s: 3 (the tick in progress at 1 s is abandoned)"
    );
    let cancelled = CancellationToken::new();
    cancelled.cancel();
    assert_eq!(
        worker(cancelled).await,
        0,
        "a worker whose token is already cancelled returns 0 at once"
    );
    assert_eq!(start.elapsed(), SECOND);
}
