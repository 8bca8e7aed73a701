//! `cargo xtask sync`: write the files derived from solutions and manifests.

use super::help::Help;
use super::reset::backup;
use crate::course::Course;
use crate::starter::Edition;
use crate::{error::Error, starter, state, style};
use std::path::PathBuf;
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Derive starters and module lists from solutions and manifests",
    usage: &["[OPTIONS]"],
    arguments: &[],
    options: &[],
    examples: &[(
        "cargo xtask sync",
        "Write what is out of date; each replaced file is kept in .course-backups/",
    )],
};

/// Every derived file with the content it must have: each lesson's `src/lib.rs`,
/// `tests/main.rs`, and the starter of each exercise.
pub fn derived_files(course: &Course) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut files = Vec::new();
    for lesson in &course.lessons {
        files.push((
            lesson.dir.join("src").join("lib.rs"),
            starter::lib_rs(lesson, Edition::Course),
        ));
        files.push((
            lesson.dir.join("tests").join("main.rs"),
            starter::tests_main_rs(lesson, Edition::Course),
        ));
        for exercise in lesson.exercises() {
            files.push((
                exercise.src_file(),
                starter::of_exercise(course, &exercise)?,
            ));
        }
    }
    Ok(files)
}

pub fn run(course: &Course) -> Result<ExitCode, Error> {
    course.require_solutions("sync")?;
    let written = write_derived(course)?;
    style::status(
        "Finished",
        &format!("{written} file(s) written; the rest were in sync"),
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the derived files that differ, backing up what they replace; returns how
/// many were written.
pub fn write_derived(course: &Course) -> Result<usize, Error> {
    let mut written = 0;
    for (path, content) in derived_files(course)? {
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        // An edited starter may be someone's work: keep it.
        if let Some(current) = current {
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            let saved = backup(course, &name, &current)?;
            style::status(
                "Backed up",
                &format!("{} to {}", course.relative(&path), course.relative(&saved)),
            );
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
        }
        state::write_atomically(&path, content.as_bytes())
            .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))?;
        style::status("Wrote", &course.relative(&path));
        written += 1;
    }
    Ok(written)
}
