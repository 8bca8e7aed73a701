//! Exercise `children_at_once`: run many children at the same time, results in order.
//!
//! The children are the helper's `peer`s: each one creates a marker file in a shared
//! directory and waits until all its peers have created theirs, so they can only finish if
//! they all run at the same time; started one after another, the first gives up after 1 s
//! (and the others at once) with an error on stderr. The peers also finish in reverse
//! order, so results collected as children finish come out backwards.
//!
//! A test also checks that every child was waited for when `run_all` returned, even after
//! a failure: the children `register` in a directory when they start and when they
//! finish, so one that had not finished was left running; on Unix, one that finished but
//! is still there is a zombie.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::children_at_once::run_all;
use pretty_assertions::assert_eq;
use shared::children::Registry;
use shared::temp::TempDir;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// Far above what a correct solution needs, above the peers' patience (1 s) and below
/// the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(3);

/// For children that do not meet: a correct solution needs milliseconds.
const QUICK: Duration = Duration::from_secs(1);

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

#[graded::test]
fn runs_every_child_at_the_same_time() {
    let dir = TempDir::new("lesson01-peers");
    let jobs = (0..4).map(|index| peer(&dir, 4, index)).collect();
    let expected: Vec<String> = (0..4).map(|index| format!("peer {index}\n")).collect();
    assert_eq!(run_jobs(jobs), expected, "{WRONG_OUTPUTS}");
}

#[graded::test]
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

#[graded::test]
fn no_jobs_no_outputs() {
    assert_eq!(run_jobs(Vec::new()), Vec::<String>::new());
}

#[graded::test]
fn a_chatty_child_does_not_deadlock() {
    let line = "a line of output that is long enough to fill a pipe soon";
    let jobs = vec![job(&["repeat", "20000", line]), job(&["echo", "quiet"])];
    let outputs = within(
        QUICK,
        "run_all with a child that prints over a megabyte (a child blocks on its full \
         stdout pipe until someone reads it, so `wait` before reading never returns: read \
         the output while you wait, as `wait_with_output` does)",
        move || run_all(Path::new(HELPER), &jobs),
    )
    .unwrap_or_else(|error| panic!("run_all failed: {error}"));
    assert!(
        outputs.len() == 2
            && outputs[0].len() == 20000 * (line.len() + 1)
            && outputs[1] == "quiet\n",
        "`repeat 20000 LINE` prints LINE 20000 times, then `echo quiet` prints `quiet`, in \
         the order of the jobs: got {} outputs of {:?} bytes",
        outputs.len(),
        outputs.iter().map(String::len).collect::<Vec<_>>()
    );
}

#[graded::test]
fn a_failing_child_leaves_no_child_behind() {
    // Job 0 fails at once; jobs 1 and 2 are started too and must be waited for as well
    // (job 1 takes a moment: it is still running if `run_all` returns at once).
    let registry = Registry::new();
    let dir = registry.path().to_string_lossy().into_owned();
    let registered = |args: &[&str]| job(&[&["register", dir.as_str()], args].concat());
    let jobs = vec![
        registered(&["exit", "3"]),
        registered(&["sleep", "200"]),
        registered(&["echo", "last"]),
    ];
    let outcome = within(QUICK, "run_all with a failing child", move || {
        run_all(Path::new(HELPER), &jobs)
    });
    let left = registry.left_behind(3);
    assert!(
        left.is_empty(),
        "run_all returned ({}) while {} of the children it started were left behind: {} \
         still running, {} zombies (dead, but never waited for). Wait for every child before \
         you return, even when one has failed: collect all the outputs first \
         (`wait_with_output` on each child), then check their statuses (a `?` or a `return` \
         in the loop that waits skips the children after the failed one)",
        match &outcome {
            Ok(_) => "Ok".to_string(),
            Err(error) => format!("Err: {error}"),
        },
        left.len(),
        left.running.len(),
        left.zombies.len()
    );
}

#[graded::test]
fn a_failing_child_is_an_error_that_says_why() {
    let jobs = vec![
        job(&["echo", "fine"]),
        job(&["exit", "3"]),
        job(&["echo", "fine too"]),
    ];
    let outcome = within(QUICK, "run_all", move || run_all(Path::new(HELPER), &jobs));
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
