//! Exercise `lazy`: a future does nothing until it is polled; a spawned task runs on its own.
//!
//! The tests count the side effects (the lines of the shared log) at chosen moments, on
//! tokio's paused clock: what ran, in which order, and how much virtual time it took.

use std::time::Duration;

use lesson_04_futures::lazy::{Log, awaited, create_tasks, prints_nothing, spawned};
use pretty_assertions::assert_eq;
use shared::clock::{assert_elapsed, timed};
use shared::timeline::Timeline;
use tokio::time::Instant;

/// A drawing of the payloads in `log`: each from its "start N" to its "kek N".
fn timeline_of(log: &Log, origin: Instant) -> Timeline {
    let timeline = Timeline::new();
    let lines = log.timed_lines();
    for (started, line) in &lines {
        if let Some(num) = line.strip_prefix("start ") {
            let kek = format!("kek {num}");
            let ended = lines
                .iter()
                .find(|(_, line)| *line == kek)
                .map(|(at, _)| *at);
            timeline.record(
                format!("payload {num}"),
                *started - origin,
                ended.map(|at| at - origin),
            );
        }
    }
    timeline
}

/// The log of payloads `0..count` run one after another.
fn one_after_another(count: u32) -> Vec<String> {
    (0..count)
        .flat_map(|num| [format!("start {num}"), format!("kek {num}")])
        .collect()
}

/// The log of payloads `0..count` run at the same time.
fn all_at_once(count: u32) -> Vec<String> {
    let starts = (0..count).map(|num| format!("start {num}"));
    let keks = (0..count).map(|num| format!("kek {num}"));
    starts.chain(keks).collect()
}

#[graded::test(tokio, start_paused = true)]
async fn the_lecture_main_prints_nothing() {
    // The given broken `main`: the futures are made and dropped, never polled.
    let log = Log::default();
    prints_nothing(log.clone()).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(log.lines(), Vec::<String>::new(), "(the given code)");
}

#[graded::test(tokio, start_paused = true)]
async fn create_tasks_start_without_being_awaited() {
    let log = Log::default();
    let tasks = create_tasks(3, log.clone());
    assert_eq!(tasks.len(), 3, "create_tasks(3, …) returns 3 tasks");
    // Not awaited: the runtime alone must run them.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let lines = log.lines();
    assert!(
        !lines.is_empty(),
        "nothing ran in the two seconds after create_tasks returned, while nobody awaited the \
         tasks: futures are lazy, and a boxed `payload_work(…)` (or an `async` block that \
         calls `tokio::spawn` inside) starts only when it is first awaited; call \
         `tokio::spawn` in `create_tasks` itself and box a future that awaits the handle"
    );
    assert_eq!(
        lines,
        all_at_once(3),
        "the log two seconds after create_tasks(3, …), no task awaited: every payload \
         should have started at once and finished (spawn each one in `create_tasks`)"
    );
    let mut outputs = Vec::new();
    for task in tasks {
        outputs.push(task.await);
    }
    assert_eq!(
        outputs,
        [0, 1, 2],
        "awaiting each task gives its payload's output"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn dropping_a_task_does_not_stop_it() {
    let log = Log::default();
    drop(create_tasks(2, log.clone()));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        log.lines(),
        all_at_once(2),
        "the tasks were dropped at once, never awaited: a spawned task runs to the end \
         anyway (dropping a `JoinHandle` detaches it, it does not cancel it); spawn each \
         payload in `create_tasks`"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn awaited_runs_the_payloads() {
    let log = Log::default();
    let (outputs, took) = timed(awaited(3, log.clone())).await;
    assert!(
        !log.lines().is_empty(),
        "awaited(3, …) returned {outputs:?} and not one payload ran: calling an async fn \
         only builds a future, which does nothing until it is polled; `.await` it"
    );
    assert_eq!(
        log.lines(),
        one_after_another(3),
        "the log of awaited(3, …): await each payload before making the next one"
    );
    assert_eq!(outputs, [0, 1, 2], "the outputs of awaited(3, …), in order");
    assert_elapsed(
        took,
        Duration::from_secs(3),
        "three one-second payloads awaited one after another",
    );
}

#[graded::test(tokio, start_paused = true)]
async fn awaited_with_no_payloads() {
    let log = Log::default();
    assert_eq!(awaited(0, log.clone()).await, Vec::<u32>::new());
    assert_eq!(log.lines(), Vec::<String>::new());
}

#[graded::test(tokio, start_paused = true)]
async fn spawned_waits_for_every_task() {
    let log = Log::default();
    let outputs = spawned(3, log.clone()).await;
    let at_return = log.lines();
    if at_return.len() < 6 {
        // Give tasks that were left running the time to show themselves.
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(
            !log.lines().is_empty(),
            "spawned(3, …) returned {outputs:?} and not one payload ran, even two seconds \
             later: calling an async fn only builds a future, which does nothing until it \
             is polled; hand each one to `tokio::spawn`"
        );
        panic!(
            "spawned(3, …) returned {outputs:?} before its tasks finished (the log at that \
             moment: {at_return:?}; they ran later, on their own): await every \
             `JoinHandle` before returning (the lecture's bug: the program ended before its \
             tasks)"
        );
    }
    assert_eq!(outputs, [0, 1, 2], "the outputs of spawned(3, …), in order");
}

#[graded::test(tokio, start_paused = true)]
async fn spawned_runs_the_tasks_at_the_same_time() {
    let log = Log::default();
    let origin = Instant::now();
    let (outputs, took) = timed(spawned(10, log.clone())).await;
    timeline_of(&log, origin).assert_elapsed(
        took,
        Duration::from_secs(1),
        "ten one-second tasks that run at the same time take one second; they ran one \
         after another: spawn them all first, and only then await the handles",
    );
    assert_eq!(
        log.lines(),
        all_at_once(10),
        "the log of spawned(10, …): every task starts before the first one finishes"
    );
    let started_at_once = log
        .timed_lines()
        .iter()
        .filter(|(at, line)| line.starts_with("start ") && *at == origin)
        .count();
    assert_eq!(
        started_at_once, 10,
        "payloads of spawned(10, …) that started at 0 s: all ten start at once"
    );
    assert_eq!(
        outputs,
        (0..10).collect::<Vec<_>>(),
        "the outputs of spawned(10, …), in the order of the payloads"
    );
}
