// Runs every job at once on a thread of its own, but collects the outputs from a channel
// as the children finish: the results come in finishing order, not in job order.
//
// expect: failed
// message: the outputs must come in the order of the jobs

use std::io;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::thread;

/// Runs `program` once per job, all at once, and returns their stdouts in job order.
pub fn run_all(program: &Path, jobs: &[Vec<String>]) -> io::Result<Vec<String>> {
    let (sender, receiver) = mpsc::channel();
    thread::scope(|scope| {
        for (index, args) in jobs.iter().enumerate() {
            let sender = sender.clone();
            scope.spawn(move || {
                let _ = sender.send((index, Command::new(program).args(args).output()));
            });
        }
    });
    drop(sender);
    let mut stdouts = Vec::with_capacity(jobs.len());
    for (index, output) in receiver {
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
}
