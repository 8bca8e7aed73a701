//! Exercise `call_soon`: the loop as a FIFO queue of callbacks, run in turns.
//!
//! The callbacks write to a shared log, so the order in which they ran (and whether one
//! ran inside another) is visible. Every run is guarded by a watchdog: a callback that
//! calls `call_soon` while the loop holds the queue's lock deadlocks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_05_event_loop::call_soon::EventLoop;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

/// Far above what a correct solution needs (microseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(1);

const HELD_LOCK: &str = "(a deadlock? is the queue's lock held while a callback runs? A \
    callback that calls `call_soon` then waits for that lock forever: take the callback out \
    of the queue, release the lock, and only then call it)";

#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, entry: &str) {
        self.0.lock().unwrap().push(entry.to_string());
    }

    fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// A callback that logs `entry`.
    fn logs(&self, entry: &'static str) -> impl FnOnce(&EventLoop) + Send + 'static {
        let log = self.clone();
        move |_| log.push(entry)
    }
}

#[graded::test]
fn call_soon_only_queues_the_callback() {
    let (before, after, ran) = within(
        LIMIT,
        &format!("call_soon and run_once {HELD_LOCK}"),
        || {
            let log = Log::default();
            let event_loop = EventLoop::new();
            event_loop.call_soon(log.logs("a"));
            let before = log.entries();
            let ran = event_loop.run_once();
            (before, log.entries(), ran)
        },
    );
    assert!(
        before.is_empty(),
        "call_soon ran the callback at once, before the loop ran: call_soon must only \
         append it to the queue; the loop runs it in its next turn"
    );
    assert_eq!(
        after,
        ["a"],
        "run_once runs the callback that call_soon queued"
    );
    assert_eq!(ran, 1, "run_once returns how many callbacks it ran");
}

#[graded::test]
fn callbacks_run_first_in_first_out() {
    let entries = within(LIMIT, &format!("run_until_empty {HELD_LOCK}"), || {
        let log = Log::default();
        let event_loop = EventLoop::new();
        for entry in ["1", "2", "3", "4", "5"] {
            event_loop.call_soon(log.logs(entry));
        }
        event_loop.run_until_empty();
        log.entries()
    });
    assert_eq!(
        entries,
        ["1", "2", "3", "4", "5"],
        "five callbacks queued in the order 1..5 must run in that order: first in, first \
         out (a `VecDeque`: `push_back` and `pop_front`; a `Vec`'s `push` and `pop` is last \
         in, first out)"
    );
}

#[graded::test]
fn a_callback_never_runs_inside_another() {
    let entries = within(
        LIMIT,
        &format!("run_once with a callback that calls call_soon {HELD_LOCK}"),
        || {
            let log = Log::default();
            let event_loop = EventLoop::new();
            let inner = log.clone();
            event_loop.call_soon(move |event_loop| {
                inner.push("a starts");
                event_loop.call_soon(inner.logs("c"));
                inner.push("a ends");
            });
            event_loop.call_soon(log.logs("b"));
            for _ in 0..3 {
                event_loop.run_once();
            }
            log.entries()
        },
    );
    assert_eq!(
        entries,
        ["a starts", "a ends", "b", "c"],
        "callback a calls call_soon(c), then b was already queued. A callback runs whole, \
         never inside another (re-entrantly): call_soon only queues c, at the back, after b"
    );
}

#[graded::test]
fn a_turn_runs_only_what_was_queued_when_it_started() {
    let (turns, entries) = within(LIMIT, &format!("run_once {HELD_LOCK}"), || {
        let log = Log::default();
        let event_loop = EventLoop::new();
        let inner = log.clone();
        event_loop.call_soon(move |event_loop| {
            inner.push("a");
            event_loop.call_soon(inner.logs("c"));
        });
        event_loop.call_soon(log.logs("b"));
        let mut turns = Vec::new();
        let mut entries = Vec::new();
        for _ in 0..3 {
            turns.push(event_loop.run_once());
            entries.push(log.entries().join(" "));
        }
        (turns, entries)
    });
    assert_eq!(
        (turns, entries),
        (
            vec![2, 1, 0],
            vec!["a b".to_string(), "a b c".to_string(), "a b c".to_string()]
        ),
        "what three run_once calls returned, and the log after each: a queues c during \
         the first turn, and c belongs to the NEXT turn. A turn runs only the callbacks \
         that were queued when it started (count them first, or take the whole queue out), \
         not everything until the queue is empty"
    );
}

#[graded::test]
fn run_until_empty_runs_turns_until_nothing_is_queued() {
    let (empty, turns, entries, left) =
        within(LIMIT, &format!("run_until_empty {HELD_LOCK}"), || {
            let log = Log::default();
            let event_loop = EventLoop::new();
            let empty = event_loop.run_until_empty();
            let inner = log.clone();
            event_loop.call_soon(move |event_loop| {
                inner.push("1");
                let inner = inner.clone();
                event_loop.call_soon(move |event_loop| {
                    inner.push("2");
                    event_loop.call_soon(inner.logs("3"));
                });
            });
            let turns = event_loop.run_until_empty();
            (empty, turns, log.entries(), event_loop.run_once())
        });
    assert_eq!(empty, 0, "run_until_empty of an empty loop runs no turn");
    assert_eq!(
        entries,
        ["1", "2", "3"],
        "a chain of callbacks, each queuing the next: run_until_empty runs them all"
    );
    assert_eq!(
        (turns, left),
        (3, 0),
        "(turns run_until_empty returned, callbacks a later run_once found): a chain of 3 \
         callbacks, each queued by the one before, takes 3 turns, and nothing is left"
    );
}
