//! `cargo xtask watch`: re-grade the exercise being worked on whenever a file is saved,
//! until Ctrl-C, or `q` typed at the terminal.
//!
//! It polls modification times: a few dozen files every 300 ms cost nothing, and polling
//! works the same on every platform, file system and editor (some save by rename).
//!
//! Every round loads the course anew, so that a `git pull` of a newer edition brings its
//! lessons and exercises into the next round. A pull caught half-way may leave a manifest
//! that does not load yet: that error is the round's result, and the next change, the
//! rest of the pull, gets another round.

use super::check::print_report;
use super::help::Help;
use crate::course::Course;
use crate::grade::{self, Options};
use crate::terminal::{QUIT_KEYS, QuitKey};
use crate::{error::Error, process, style};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

pub const HELP: Help = Help {
    about: "Re-grade whenever a file is saved, until q or Ctrl-C",
    usage: &["[OPTIONS]"],
    arguments: &[],
    options: &[],
    examples: &[(
        "cargo xtask watch",
        "Grade now, then again each time a file of the course is saved",
    )],
};

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(300);

pub fn run(course: &Course) -> Result<ExitCode, Error> {
    // Before the terminal changes mode: from here Ctrl-C ends watch by returning, which
    // restores the mode (the guard in `quit_key`).
    process::watch_interrupts();
    let quit_key = QuitKey::listen();
    let interactive = std::io::stdout().is_terminal();
    let root = &course.root;
    let mut seen = snapshot(root);
    loop {
        if interactive {
            print!("\x1b[2J\x1b[H"); // clear the screen: each round replaces the last
        }
        if let Err(error) = grade_round(root) {
            if process::interrupted() {
                return Err(error);
            }
            // A broken manifest, cargo failing: shown until a change mends it.
            error.print();
        }
        println!("\n{}", waiting_line(quit_key.is_some()));
        match wait_for_change(root, &mut seen, quit_key.as_ref()) {
            Wake::Changed => {}
            Wake::Quit => return Ok(ExitCode::SUCCESS),
            Wake::Interrupted => return Ok(ExitCode::from(130)),
        }
    }
}

/// Loads the course as it is now, grades all of it and shows the result (which says
/// when everything passes).
fn grade_round(root: &Path) -> Result<(), Error> {
    let course = Course::load(root)?;
    let report = grade::grade(
        &course,
        &course.select(None)?,
        &Options::starters(grade::cache_allowed(), style::color_enabled()),
    )?;
    print_report(&course, &report);
    Ok(())
}

/// The last line of a round: the keys.
fn waiting_line(quit_key: bool) -> String {
    let stop = if quit_key {
        format!("{QUIT_KEYS} or Ctrl-C")
    } else {
        "Ctrl-C".to_string()
    };
    style::dim(&format!(
        "Watching for changes; save a file to grade again, {stop} to stop."
    ))
}

/// What ended a wait.
enum Wake {
    Changed,
    Quit,
    Interrupted,
}

/// Waits until a file changes (and updates `seen`), `q` is typed or Ctrl-C pressed.
fn wait_for_change(root: &Path, seen: &mut Snapshot, quit_key: Option<&QuitKey>) -> Wake {
    loop {
        let quit = match quit_key {
            Some(key) => key.pressed_within(POLL),
            None => {
                std::thread::sleep(POLL);
                false
            }
        };
        if quit {
            return Wake::Quit;
        }
        if process::interrupted() {
            return Wake::Interrupted;
        }
        let now = snapshot(root);
        if now != *seen {
            *seen = now;
            return Wake::Changed;
        }
    }
}

type Snapshot = Vec<(PathBuf, Option<(u64, SystemTime)>)>;

/// Size and modification time of every file a student may edit or an instructor may
/// change (the size too, for file systems that keep times to the second only), in every
/// lesson directory there is: those of a lesson just pulled, and those of a course that
/// does not load.
fn snapshot(root: &Path) -> Snapshot {
    let mut files = Vec::new();
    for lesson in entries(&root.join("lessons")).filter(|path| path.is_dir()) {
        for dir in ["src", "tests", "tests/hidden", "solutions"] {
            files.extend(entries(&lesson.join(dir)));
        }
        files.push(lesson.join("lesson.toml"));
        files.push(lesson.join("Cargo.toml"));
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let stamp = stamp(&path);
            (path, stamp)
        })
        .collect()
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The paths in `dir`; none if it cannot be read.
fn entries(dir: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
}
