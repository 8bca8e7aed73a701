// Calls `Command::output()` for each job in a loop: every child runs to its end before
// the next one starts, so the children never run at the same time.
//
// expect: failed
// message: start all the children before waiting for any of them

use std::io;
use std::path::Path;
use std::process::Command;

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    let mut stdouts = Vec::with_capacity(jobs.len());
    for (index, args) in jobs.iter().enumerate() {
        let output = Command::new(program).args(args).output()?;
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
