//! Exercise `pool`: 3 connections handed out as guards that come back on drop.
//!
//! - A waiting `get` is a mock task (`tokio_test::task::spawn`): it must not be woken
//!   while no connection comes back (busy-polling is), and must be woken when one does.
//! - 9 users × 1 s on 3 connections take exactly 3 s of paused time (a timeline on
//!   failure), never more than 3 out (high-water), one user per connection. That test runs
//!   on a runtime of its own inside a watchdog: a busy-polling `get` never lets the paused
//!   clock advance, and hangs.
//! - A guard dropped by cancellation comes back, at every await point
//!   (`shared::cancel::at_every_await`), and so does a cancelled waiting `get`.

// The starter's `PooledConn` has no `Drop` yet: dropping it on purpose is still the test.
#![allow(clippy::drop_non_drop)]

use std::collections::BTreeSet;
use std::future::Future;
use std::time::Duration;

use lesson_06_async_cleanup::pool::{Pool, PooledConn};
use pretty_assertions::assert_eq;
use shared::cancel::at_every_await;
use shared::high_water::HighWater;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio_test::{assert_pending, assert_ready};

/// Far above the milliseconds a correct solution needs, below the runner's limit.
const LIMIT: Duration = Duration::from_secs(2);

/// Takes all `n` connections, each within one second of virtual time.
async fn take_all(pool: &Pool, n: usize) -> Vec<PooledConn> {
    let mut guards = Vec::new();
    for _ in 0..n {
        guards.push(
            within_async(
                Duration::from_secs(1),
                "`get` on a pool with an idle connection (it must return at once)",
                pool.get(),
            )
            .await,
        );
    }
    guards
}

#[graded::test(tokio, start_paused = true)]
async fn a_waiting_get_sleeps_until_a_connection_comes_back() {
    let pool = Pool::new(3);
    let mut guards = take_all(&pool, 3).await;
    assert_eq!(
        pool.idle(),
        0,
        "all 3 connections are out: `idle()` must be 0"
    );
    let mut waiting = tokio_test::task::spawn(pool.get());
    assert_pending!(
        waiting.poll(),
        "`get` returned a connection although all 3 were out: it must wait until one is \
         given back (never create a connection, never hand one out twice)"
    );
    // 10 s of virtual time in which nobody gives a connection back.
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert!(
        !waiting.is_woken(),
        "the waiting `get` was woken although no connection came back: it busy-polls (a \
         loop that checks, then `yield_now()`s or `sleep`s and checks again). Wait on \
         something that wakes it when a connection is returned: a \
         `tokio::sync::Semaphore` permit per connection, or a `tokio::sync::Notify`"
    );
    let returned = guards.pop().expect("three guards");
    let id = returned.id;
    drop(returned);
    assert_eq!(
        pool.idle(),
        1,
        "dropping a guard did not give its connection back to the pool: push it back in \
         `impl Drop for PooledConn`, at once (no spawn, no await)"
    );
    assert!(
        waiting.is_woken(),
        "a connection came back, but the waiting `get` was not woken: returning a \
         connection must wake a waiting user (a semaphore permit released, a `Notify`)"
    );
    let conn = assert_ready!(
        waiting.poll(),
        "woken after a connection came back, `get` must take it"
    );
    assert_eq!(
        conn.id, id,
        "the waiting user gets the connection that came back"
    );
    assert_eq!(pool.idle(), 0, "the connection is out again");
    drop((conn, guards));
    assert_eq!(
        pool.idle(),
        3,
        "every guard dropped: all 3 connections are back"
    );
}

/// Runs `test` on a paused current-thread runtime of its own, inside a watchdog: a
/// busy-polling `get` keeps the runtime busy, so the paused clock never advances and a
/// `timeout` inside the runtime would never fire.
fn paused<F: Future<Output = ()> + 'static>(what: &str, test: fn() -> F) {
    on_paused_runtime(
        LIMIT,
        &format!(
            "{what} under the paused clock (does a waiting `get` busy-poll with `yield_now` \
             or a short `sleep`? Then the runtime is never idle and the paused clock never \
             advances; or is a connection never given back?)"
        ),
        test,
    );
}

#[graded::test]
fn nine_users_on_three_connections_take_three_seconds() {
    paused("9 users sharing 3 connections", nine_users);
}

async fn nine_users() {
    let pool = Pool::new(3);
    let timeline = Timeline::new();
    let out = HighWater::new();
    let per_conn: Vec<HighWater> = (0..3).map(|_| HighWater::new()).collect();
    let start = tokio::time::Instant::now();
    let users: Vec<_> = (0..9)
        .map(|user| {
            let (pool, out, per_conn) = (pool.clone(), out.clone(), per_conn.clone());
            tokio::spawn(timeline.track(format!("user {user}"), async move {
                let conn = pool.get().await;
                let _out = out.enter();
                let _this_conn = per_conn
                    .get(conn.id)
                    .unwrap_or_else(|| panic!("connection id {} is not in 0..3", conn.id))
                    .enter();
                tokio::time::sleep(Duration::from_secs(1)).await;
                drop(_this_conn);
                drop(_out);
                drop(conn);
            }))
        })
        .collect();
    for user in users {
        user.await.expect("a user panicked");
    }
    out.assert_at_most(
        3,
        "more connections were out than the pool has: `get` must wait for a returned \
         connection, never create one",
    );
    for (id, gauge) in per_conn.iter().enumerate() {
        gauge.assert_at_most(
            1,
            &format!("connection {id} was handed to two users at once"),
        );
    }
    timeline.assert_elapsed(
        start.elapsed(),
        Duration::from_secs(3),
        "9 users × 1 s on 3 connections take 3 s when every returned connection is taken \
         at once by a waiting user",
    );
    assert_eq!(out.max(), 3, "all 3 connections must be used at once");
    assert_eq!(pool.idle(), 3, "all 3 connections are back at the end");
}

#[graded::test(tokio, start_paused = true)]
async fn a_guard_dropped_by_cancellation_comes_back() {
    let pool = Pool::new(3);
    let _held = take_all(&pool, 2).await;
    at_every_await(
        || {
            let pool = pool.clone();
            async move {
                let conn = pool.get().await;
                tokio::time::sleep(Duration::from_secs(1)).await;
                tokio::task::yield_now().await;
                conn.id
            }
        },
        |stop| match pool.idle() {
            1 => Ok(()),
            idle => Err(format!(
                "the pool has {idle} idle connection(s) after the user stopped, expected 1 \
                 (2 are held by others): a guard dropped by a cancelled future must give \
                 its connection back in `Drop`, like any other guard (it stopped as \
                 {stop:?})",
                stop = stop.map_output(|id| *id)
            )),
        },
    )
    .await;
}

#[graded::test]
fn a_cancelled_waiting_get_loses_nothing() {
    paused(
        "two waits for a connection cancelled by a timeout",
        cancelled_waits,
    );
}

async fn cancelled_waits() {
    let pool = Pool::new(3);
    let guards = take_all(&pool, 3).await;
    for _ in 0..2 {
        let gave_up = tokio::time::timeout(Duration::from_millis(100), pool.get()).await;
        assert!(
            gave_up.is_err(),
            "`get` returned a connection although all 3 were out"
        );
    }
    drop(guards);
    assert_eq!(pool.idle(), 3, "all 3 connections are back");
    let again = take_all(&pool, 3).await;
    let ids: BTreeSet<usize> = again.iter().map(|conn| conn.id).collect();
    assert_eq!(
        ids,
        BTreeSet::from([0, 1, 2]),
        "after two cancelled waits, all 3 connections (ids 0, 1, 2) must still be available"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn connections_are_numbered_and_handed_out_once() {
    let pool = Pool::new(4);
    assert_eq!(pool.idle(), 4, "a new pool of 4 has 4 idle connections");
    let guards = take_all(&pool, 4).await;
    let ids: BTreeSet<usize> = guards.iter().map(|conn| conn.id).collect();
    assert_eq!(
        ids,
        BTreeSet::from([0, 1, 2, 3]),
        "a pool of 4 hands out the connections 0..4, each once"
    );
    let shared = pool.clone();
    drop(guards);
    assert_eq!(shared.idle(), 4, "clones share the connections");
}
