//! `cargo xtask watch`: re-grade the exercise being worked on whenever a file is saved.
//!
//! It polls modification times: a few dozen files every 300 ms cost nothing, and polling
//! works the same on every platform, file system and editor (some save by rename).

use super::check::print_report;
use super::help::Help;
use crate::course::Course;
use crate::grade::{self, Options};
use crate::report::Status;
use crate::{Error, process, style};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

pub const HELP: Help = Help {
    about: "Re-grade whenever a file is saved",
    usage: &["[OPTIONS]"],
    arguments: &[],
    options: &[],
    examples: &[(
        "cargo xtask watch",
        "Grade now, then again each time a file of the course is saved",
    )],
};

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

/// Size and modification time of every file a student may edit or an instructor may
/// change (the size too, for file systems that keep times to the second only).
fn snapshot(course: &Course) -> Vec<(PathBuf, Option<(u64, SystemTime)>)> {
    let stamp = |path: &Path| {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    };
    let mut files = Vec::new();
    for lesson in &course.lessons {
        for dir in ["src", "tests", "solutions"] {
            let Ok(entries) = std::fs::read_dir(lesson.dir.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                files.push((entry.path(), stamp(&entry.path())));
            }
        }
        files.push((lesson.manifest_path(), stamp(&lesson.manifest_path())));
    }
    files.sort();
    files
}
