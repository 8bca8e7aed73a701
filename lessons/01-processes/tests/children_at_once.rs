//! Exercise `children_at_once`: run many children at the same time, results in order.
//!
//! The children are the helper's `peer`s: each one creates a marker file in a shared
//! directory and waits until all its peers have created theirs, so they can only finish if
//! they all run at the same time; started one after another, the first gives up after 3 s
//! (and the others at once) with an error on stderr. The peers also finish in reverse
//! order, so results collected as children finish come out backwards.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::children_at_once::run_all;
use pretty_assertions::assert_eq;
use shared::temp::TempDir;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// Far above what a correct solution needs, above the peers' patience (3 s) and below
/// the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

fn job(args: &[&str]) -> Vec<String> {
    args.iter().map(|arg| arg.to_string()).collect()
}

/// The job of peer `index` of `count` meeting in `dir`.
fn peer(dir: &TempDir, count: usize, index: usize) -> Vec<String> {
    let dir = dir.path().to_string_lossy();
    job(&["peer", &dir, &count.to_string(), &index.to_string()])
}

/// Runs the jobs under a watchdog; an error explains itself (a peer's stderr says that it
/// was alone).
fn run_jobs(jobs: Vec<Vec<String>>) -> Vec<String> {
    let outcome = within(LIMIT, "run_all", move || run_all(Path::new(HELPER), &jobs));
    outcome.unwrap_or_else(|error| panic!("run_all failed: {error}"))
}

const WRONG_OUTPUTS: &str = "the outputs must come in the order of the jobs. The peers finish \
    last to first, so outputs collected as children finish come out backwards; an empty \
    output is a peer that gave up waiting for the others (start every child before waiting \
    for any)";

#[test]
fn runs_every_child_at_the_same_time() {
    let dir = TempDir::new("lesson01-peers");
    let jobs = (0..4).map(|index| peer(&dir, 4, index)).collect();
    let expected: Vec<String> = (0..4).map(|index| format!("peer {index}\n")).collect();
    assert_eq!(run_jobs(jobs), expected, "{WRONG_OUTPUTS}");
}

#[test]
fn keeps_the_order_of_the_jobs() {
    let dir = TempDir::new("lesson01-peers");
    let jobs = vec![
        peer(&dir, 3, 0),
        job(&["echo", "not a peer"]),
        peer(&dir, 3, 1),
        peer(&dir, 3, 2),
    ];
    // Finish order: the echo, then peer 2, peer 1, peer 0.
    let expected = ["peer 0\n", "not a peer\n", "peer 1\n", "peer 2\n"];
    assert_eq!(run_jobs(jobs), expected, "{WRONG_OUTPUTS}");
}

#[test]
fn no_jobs_no_outputs() {
    assert_eq!(run_jobs(Vec::new()), Vec::<String>::new());
}

#[test]
fn a_failing_child_is_an_error_that_says_why() {
    let jobs = vec![
        job(&["echo", "fine"]),
        job(&["exit", "3"]),
        job(&["echo", "fine too"]),
    ];
    let outcome = within(LIMIT, "run_all", move || run_all(Path::new(HELPER), &jobs));
    match outcome {
        Ok(outputs) => panic!(
            "job 1 exits with code 3, so run_all should fail, but it returned Ok({outputs:?})"
        ),
        Err(error) => assert!(
            error.to_string().contains("exiting with 3"),
            "the error should include what the failing child wrote to its stderr \
             (\"exiting with 3\"), so the caller can see why it failed; got: {error}"
        ),
    }
}
