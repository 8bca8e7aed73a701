// Starts every child first, then for each one calls `wait()` and only then reads its
// stdout: a child whose output does not fit in the pipe blocks on its write, and `wait`
// never returns.
//
// expect: failed
// message: so `wait` before reading never returns

use std::io::{self, Read};
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
    let mut results = Vec::with_capacity(children.len());
    for mut child in children {
        let status = child.wait();
        let mut stdout = String::new();
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stdout.take() {
            pipe.read_to_string(&mut stdout)?;
        }
        if let Some(mut pipe) = child.stderr.take() {
            pipe.read_to_string(&mut stderr)?;
        }
        results.push((status, stdout, stderr));
    }
    let mut stdouts = Vec::with_capacity(results.len());
    for (index, (status, stdout, stderr)) in results.into_iter().enumerate() {
        let status = status?;
        if !status.success() {
            return Err(io::Error::other(format!(
                "job {index} failed ({status}): {}",
                stderr.trim()
            )));
        }
        stdouts.push(stdout);
    }
    Ok(stdouts)
}
