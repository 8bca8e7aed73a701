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
// begin solution
use std::process::{Child, Command, Stdio};
// starter:
// end solution

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    // begin solution: start every child first, then collect their outputs in order
    // Start them all. (If a spawn fails, the children already started are not waited
    // for: the next exercise, `ChildGuard`, fixes that.)
    let children = jobs
        .iter()
        .map(|args| {
            Command::new(program)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
        })
        .collect::<io::Result<Vec<Child>>>()?;
    // Then wait for each, in job order. Each `wait_with_output` returns when its child
    // has exited; the others keep running meanwhile.
    let outputs: Vec<_> = children
        .into_iter()
        .map(|child| child.wait_with_output())
        .collect();
    let mut stdouts = Vec::with_capacity(outputs.len());
    for (index, output) in outputs.into_iter().enumerate() {
        let output = output?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "job {index} failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        stdouts.push(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    Ok(stdouts)
    // end solution
}
