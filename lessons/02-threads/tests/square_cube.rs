//! Exercise `square_cube`: two threads at once, results through `JoinHandle`s.

use std::panic::resume_unwind;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::{self, ThreadId};
use std::time::Duration;

use lesson_02_threads::square_cube::{join_both, square_and_cube};
use pretty_assertions::assert_eq;
use shared::panics;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

use shared::panics::{catch_quietly, panic_on_purpose};

/// Far above what a correct solution needs, above the rendezvous' patience and below the
/// runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(5);

/// How long the closures wait for each other: starting two threads takes microseconds.
const PATIENCE: Duration = Duration::from_millis(500);

/// How long `b` works when `a` panics: a correct `join_both` waits that long for it, a
/// wrong one lets the panic out long before.
const B_WORKS: Duration = Duration::from_millis(300);

const SEQUENTIAL: &str = "the closures ran one after another. Start both threads \
    before you join either: `join` waits until its thread has finished";

#[graded::test]
fn square_and_cube_of_ten() {
    let pair = within(LIMIT, "square_and_cube(10)", || square_and_cube(10));
    assert_eq!(pair, (100, 1000), "(square, cube) of 10");
    assert_eq!(
        within(LIMIT, "square_and_cube(3)", || square_and_cube(3)),
        (9, 27)
    );
}

#[graded::test]
fn returns_both_results_in_order() {
    let pair = within(LIMIT, "join_both", || {
        join_both(|| "text".len(), || vec!["b".to_string()])
    });
    assert_eq!(
        pair,
        (4, vec!["b".to_string()]),
        "the result of `a` comes first, the result of `b` second"
    );
}

#[graded::test]
fn each_closure_runs_on_a_thread_of_its_own() {
    let (caller, a, b): (ThreadId, ThreadId, ThreadId) = within(LIMIT, "join_both", || {
        let caller = thread::current().id();
        let (a, b) = join_both(|| thread::current().id(), || thread::current().id());
        (caller, a, b)
    });
    assert!(
        a != caller && b != caller,
        "a closure ran on the thread that called join_both: run each of them on a new \
         thread (`std::thread::spawn`), not inline"
    );
    assert_ne!(
        a, b,
        "`a` and `b` ran on the same thread: spawn a new thread for each"
    );
}

#[graded::test]
fn both_closures_run_at_the_same_time() {
    // Each closure waits until the other one is running too.
    let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
    let (a, b) = (rendezvous.clone(), rendezvous.clone());
    let pair = within(LIMIT, "join_both", move || {
        join_both(
            move || {
                a.wait_or_explain(SEQUENTIAL);
                "a"
            },
            move || {
                b.wait_or_explain(SEQUENTIAL);
                "b"
            },
        )
    });
    assert_eq!(pair, ("a", "b"));
    assert_eq!(rendezvous.arrived(), 2, "both closures must run");
}

#[graded::test]
fn a_panicking_closure_makes_join_both_panic() {
    let outcome = within(LIMIT, "join_both with a panicking closure", || {
        let outcome = catch_quietly(|| {
            join_both(
                || 1,
                || -> u32 { panic_on_purpose("the cube failed on purpose") },
            )
        });
        match outcome {
            Ok(_) => false,
            Err(payload)
                if panics::message(payload.as_ref()).starts_with("not yet implemented") =>
            {
                resume_unwind(payload)
            }
            Err(_) => true,
        }
    });
    assert!(
        outcome,
        "`b` panicked, so join_both must panic too: `join` returns `Err` for a thread \
         that panicked"
    );
}

#[graded::test]
fn when_a_panics_b_is_still_joined() {
    // `a` panics at once; `b` works until the panic has reached the caller of join_both,
    // or for B_WORKS if it does not (a correct join_both joins `b` first, so the panic
    // can only come out once `b` has finished).
    let (panicked, b_had_finished) = within(LIMIT, "join_both with a panicking `a`", || {
        let finished = Arc::new(AtomicBool::new(false));
        let in_b = Arc::clone(&finished);
        let (caller_saw_the_panic, wait_for_the_caller) = mpsc::channel::<()>();
        let outcome = catch_quietly(move || {
            join_both(
                || -> u32 { panic_on_purpose("the square failed on purpose") },
                move || {
                    let _ = wait_for_the_caller.recv_timeout(B_WORKS);
                    in_b.store(true, Ordering::SeqCst);
                },
            )
        });
        let b_had_finished = finished.load(Ordering::SeqCst);
        let _ = caller_saw_the_panic.send(());
        match outcome {
            Err(payload)
                if panics::message(payload.as_ref()).starts_with("not yet implemented") =>
            {
                resume_unwind(payload)
            }
            outcome => (outcome.is_err(), b_had_finished),
        }
    });
    assert!(
        panicked,
        "`a` panicked, so join_both must panic too: `join` returns `Err` for a thread \
         that panicked"
    );
    assert!(
        b_had_finished,
        "`a` panicked, and the panic came out of join_both while `b` was still running: \
         `b` was never joined, and runs on detached. Join both threads before you look \
         at either result: `let (ra, rb) = (ha.join(), hb.join());`, then panic if either \
         is an `Err` (`ha.join().unwrap()` panics before `hb.join()` runs)"
    );
}

#[graded::test]
fn square_and_cube_runs_on_two_threads() {
    let (started, pair) = within(LIMIT, "square_and_cube(4)", || {
        shared::threads::started(2, || square_and_cube(4))
    });
    assert_eq!(pair, (16, 64), "(square, cube) of 4");
    assert!(
        started == 2,
        "square_and_cube started {started} thread(s): compute the square and the cube with \
         join_both, the square on one new thread and the cube on the other"
    );
}
