//! `cargo xtask publish OUT_DIR`: write the student edition, the copy of the course
//! that students fork.

use super::help::Help;
use crate::course::{Course, LOCK_FILE};
use crate::edition::Tree;
use crate::lock::Lock;
use crate::{error::Error, style};
use std::path::Path;
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Write the student edition: no solutions, no hidden tests, a lock file",
    usage: &["[OPTIONS] <OUT_DIR>"],
    arguments: &[(
        "<OUT_DIR>",
        "A new or empty directory (but for .git), or an earlier edition to update",
    )],
    options: &[],
    examples: &[(
        "cargo xtask publish ../course-edition",
        "Write the edition, or update it to this commit",
    )],
};

pub fn run(course: &Course, out: &Path) -> Result<ExitCode, Error> {
    course.require_solutions("publish")?;
    check_destination(out)?;
    let tree = Tree::student_edition(course)?;
    let (written, removed) = tree.write(out)?;
    let lock = Lock::load(out)?;
    style::status(
        "Published",
        &format!(
            "the student edition to {} ({} files: {written} written, {removed} removed, the rest unchanged)",
            out.display(),
            tree.files.len()
        ),
    );
    style::status(
        "Locked",
        &format!(
            "{} protected files in {LOCK_FILE}, from {}",
            lock.protected.len(),
            lock.source.as_deref().unwrap_or("a course outside git")
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// `out` must be new, empty (but for `.git`), or an earlier edition: never a
/// directory with other work in it.
fn check_destination(out: &Path) -> Result<(), Error> {
    if out.join(LOCK_FILE).is_file() {
        return Ok(());
    }
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(()); // created when written
    };
    let others: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".git")
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{} is neither empty nor a student edition (it has no {LOCK_FILE}): refusing to write into it",
        out.display()
    ))
    .help("publish into a new or empty directory, or into a checkout of the edition's repository"))
}
