//! `cargo xtask watch`: re-grade the exercise being worked on whenever a file is saved.
//!
//! It polls modification times: a few dozen files every 300 ms cost nothing, and polling
//! works the same on every platform, file system and editor (some save by rename).

use super::check::print_report;
use crate::course::Course;
use crate::grade::{self, Options};
use crate::report::Status;
use crate::{Error, process, style};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

pub fn run(course: &Course) -> Result<ExitCode, Error> {
    let interactive = std::io::stdout().is_terminal();
    let mut seen = snapshot(course);
    loop {
        if interactive {
            print!("\x1b[2J\x1b[H"); // clear the screen: each round replaces the last
        }
        let report = grade::grade(
            course,
            &course.select(None)?,
            &Options::starters(grade::cache_allowed(), style::color_enabled()),
        )?;
        print_report(course, &report);
        if report.exercises.iter().all(|e| e.status == Status::Passed) {
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "\n{}",
            style::dim("Watching for changes; save a file to grade again, Ctrl-C to stop.")
        );
        loop {
            std::thread::sleep(Duration::from_millis(300));
            if process::interrupted() {
                return Ok(ExitCode::from(130));
            }
            let now = snapshot(course);
            if now != seen {
                seen = now;
                break;
            }
        }
    }
}

/// Modification times of every file a student may edit or an instructor may change.
fn snapshot(course: &Course) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut files = Vec::new();
    for lesson in &course.lessons {
        for dir in ["src", "tests", "solutions"] {
            let Ok(entries) = std::fs::read_dir(lesson.dir.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                files.push((entry.path(), modified));
            }
        }
        files.push((
            lesson.manifest_path(),
            std::fs::metadata(lesson.manifest_path())
                .and_then(|m| m.modified())
                .ok(),
        ));
    }
    files.sort();
    files
}
