// Starts all the children and waits for all of them, but pipes only their stdout: the
// error of a failed child gives its exit status, not what it wrote on stderr (which went
// to the parent's stderr instead).
//
// expect: failed
// message: should include what the failing child wrote to its stderr

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
                .spawn()
        })
        .collect::<io::Result<Vec<Child>>>()?;
    let outputs: Vec<_> = children.into_iter().map(Child::wait_with_output).collect();
    let mut stdouts = Vec::with_capacity(outputs.len());
    for (index, output) in outputs.into_iter().enumerate() {
        let output = output?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "job {index} failed: {}",
                output.status
            )));
        }
        stdouts.push(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    Ok(stdouts)
}
