//! Exercise `square_cube`: two threads at once, results through `JoinHandle`s.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::thread::{self, ThreadId};
use std::time::Duration;

use lesson_02_threads::square_cube::{join_both, square_and_cube};
use pretty_assertions::assert_eq;
use shared::panics;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience (5 s) and
/// below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

const SEQUENTIAL: &str = "the closures ran one after another. Start both threads \
    before you join either: `join` waits until its thread has finished";

#[test]
fn square_and_cube_of_ten() {
    let pair = within(LIMIT, "square_and_cube(10)", || square_and_cube(10));
    assert_eq!(pair, (100, 1000), "(square, cube) of 10");
    assert_eq!(
        within(LIMIT, "square_and_cube(3)", || square_and_cube(3)),
        (9, 27)
    );
}

#[test]
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

#[test]
fn both_closures_run_at_the_same_time() {
    // Each closure waits until the other one is running too.
    let rendezvous = Rendezvous::new(2);
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

#[test]
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

#[test]
fn a_panicking_closure_makes_join_both_panic() {
    let outcome = within(LIMIT, "join_both with a panicking closure", || {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            join_both(|| 1, || -> u32 { panic!("the cube failed on purpose") })
        }));
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
