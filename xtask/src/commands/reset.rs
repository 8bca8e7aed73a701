//! `cargo xtask reset EXERCISE`: restore the starter, after backing up the student's file.

use super::help::Help;
use crate::course::{Course, Exercise};
use crate::edition::STARTERS_DIR;
use crate::{error::Error, starter, state, style};
use std::path::PathBuf;
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Restore the starter of an exercise (your file is backed up first)",
    usage: &["[OPTIONS] <EXERCISE>"],
    arguments: &[(
        "<EXERCISE>",
        "The exercise to start over; your file is copied to .course-backups/ first",
    )],
    options: &[],
    examples: &[("cargo xtask reset run_helper", "Start run_helper over")],
};

pub fn run(course: &Course, name: &str) -> Result<ExitCode, Error> {
    let exercise = course.exercise(name)?;
    let starter = pristine_starter(course, &exercise)?;
    let file = exercise.src_file();
    let current = std::fs::read_to_string(&file).ok();
    if current.as_deref() == Some(starter.as_str()) {
        println!(
            "{} is already the starter: nothing to reset.",
            course.relative(&file)
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(current) = current {
        let backup = backup(course, name, &current)?;
        style::status(
            "Backed up",
            &format!("{} to {}", course.relative(&file), course.relative(&backup)),
        );
    }
    state::write_atomically(&file, starter.as_bytes())
        .map_err(|e| Error::config(format!("cannot write {}: {e}", file.display())))?;
    style::status(
        "Reset",
        &format!("{} to its starter", course.relative(&file)),
    );
    Ok(ExitCode::SUCCESS)
}

/// The starter to reset to: derived from the solution in the course, the published
/// copy in a student edition.
fn pristine_starter(course: &Course, exercise: &Exercise) -> Result<String, Error> {
    if !course.is_edition() {
        return starter::of_exercise(course, exercise);
    }
    let file = course
        .root
        .join(STARTERS_DIR)
        .join(&exercise.lesson.id)
        .join(format!("{}.rs", exercise.name()));
    std::fs::read_to_string(&file).map_err(|e| {
        Error::config(format!(
            "cannot read the starter {}: {e}",
            course.relative(&file)
        ))
        .help("restore it from the course: `git checkout upstream/main -- .course`")
    })
}

/// Saves `content` as `.course-backups/NAME.<unix time>.rs`; never overwrites a backup.
pub fn backup(course: &Course, name: &str, content: &str) -> Result<PathBuf, Error> {
    let dir = course.root.join(".course-backups");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = (0..)
        .map(|n| {
            dir.join(if n == 0 {
                format!("{name}.{seconds}.rs")
            } else {
                format!("{name}.{seconds}-{n}.rs")
            })
        })
        .find(|path| !path.exists())
        .expect("an unused name");
    std::fs::write(&path, content)
        .map_err(|e| Error::config(format!("cannot write the backup {}: {e}", path.display())))?;
    Ok(path)
}
