// One scoped thread per job runs `Command::output()`: the threads, and so the children,
// all run at once; joining the threads in job order gives the results in job order, and
// every child has been waited for before any result is looked at.

use std::io;
use std::path::Path;
use std::process::Command;
use std::thread;

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    let outputs: Vec<io::Result<std::process::Output>> = thread::scope(|scope| {
        let threads: Vec<_> = jobs
            .iter()
            .map(|args| scope.spawn(move || Command::new(program).args(args).output()))
            .collect();
        threads
            .into_iter()
            .map(|thread| thread.join().expect("a job's thread panicked"))
            .collect()
    });
    outputs
        .into_iter()
        .enumerate()
        .map(|(index, output)| {
            let output = output?;
            if output.status.success() {
                Ok(String::from_utf8_lossy(&output.stdout).into_owned())
            } else {
                Err(io::Error::other(format!(
                    "job {index} exited with {}: {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                )))
            }
        })
        .collect()
}
