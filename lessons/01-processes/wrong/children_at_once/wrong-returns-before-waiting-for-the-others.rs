// Starts every child first, then waits for them in order, but returns the error of the
// first failed child at once: the children after it are never waited for (left running,
// or zombies).
//
// expect: failed
// message: were left behind
// message: zombies (dead, but never waited for)

use std::io;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    let children = jobs
        .iter()
        .map(|args| {
            Command::new(program)
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
        })
        .collect::<io::Result<Vec<Child>>>()?;
    let mut stdouts = Vec::with_capacity(children.len());
    for (index, child) in children.into_iter().enumerate() {
        let output = child.wait_with_output()?;
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
}
