//! # Run many children at once, results in order
//!
//! Write [`run_all`], the process counterpart of Python's `Pool.map`: for every job
//! (a list of arguments) run `program` with those arguments, *all at the same time*, and
//! return their standard outputs in the order of the jobs.
//!
//! - Start every child before you wait for any of them. Waiting for each child right
//!   after starting it runs them one after another: the tests use children that only
//!   finish once all of them are running, and they give up after a few seconds.
//! - The results are in the order of `jobs`, whatever order the children finish in.
//! - A child's output can be larger than a pipe buffer (typically 64 KiB), and a child
//!   blocks when its stdout pipe is full: read the output while you wait for the child
//!   (`wait_with_output` does both), not after.
//! - If a child exits unsuccessfully, return an error whose message includes what that
//!   child wrote to its standard error, so the caller can see why. Wait for all the
//!   children first, even then: a child that was started must be waited for.
//!
//! ```text
//! let jobs = vec![vec!["echo".to_string(), "a".into()], vec!["echo".into(), "b".into()]];
//! run_all(helper, &jobs) == Ok(vec!["a\n".to_string(), "b\n".to_string()])
//! ```

use std::io;
use std::path::Path;

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    todo!("start every child first, then collect their outputs in order")
}
