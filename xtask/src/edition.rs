//! Copies of the course made from it: the student edition that `publish` writes, and
//! the tree that `grade` builds each student's work in.
//!
//! Both are built in memory from the course (derived files regenerated, never copied)
//! so that publishing twice from one commit gives the same bytes, and so that the lock
//! file's hashes can be computed without writing anything.

use crate::course::{CORPUS_DIR, Course, LOCK_FILE, walk};
use crate::lock::{self, Lock};
use crate::starter::{self, Edition};
use crate::{error::Error, state};
use std::collections::BTreeMap;
use std::path::Path;

/// Files at the root of the course that belong in every copy, if they exist.
const ROOT_FILES: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    ".gitignore",
    ".cargo/config.toml",
    "rust-toolchain.toml",
    "rustfmt.toml",
    "clippy.toml",
    "README.md",
];

/// Crates that are copied whole: the runner and the test helpers.
const CRATES: &[&str] = &["xtask", "shared", "graded"];

/// The runner's own tests and fixtures: not needed to grade, and large.
const RUNNER_TESTS: &str = "xtask/tests/";

/// Files the course keeps only for the student edition, at the same place below it: the
/// grading workflow.
const EDITION_OVERLAY: &str = "edition";

/// Where the instructors' commands build copies of the course (the student edition in
/// `verify`, the rounds of the known-wrong corpus, the mutants): always this one
/// directory, into one `target/`. Cargo names a workspace member's artifacts alike
/// wherever the workspace lies, and tells what is stale by modification times, so two
/// copies sharing a `target/` would pass one's build off as the other's. One copy,
/// mirrored (only changed files written), keeps cargo's view right, and the dependencies
/// are built once for all.
pub const SCRATCH_COPY: &str = "target/copies/course";
pub const SCRATCH_TARGET: &str = "target/copies/target";

/// Where an edition keeps the pristine starters, for `reset`.
pub const STARTERS_DIR: &str = ".course/starters";

/// Instructor notes, anywhere in a lesson: never published.
const NOTES: &str = "NOTES.md";

/// Parts of the course README between these lines are for instructors only.
const INSTRUCTORS_BEGIN: &str = "<!-- instructors -->";
const INSTRUCTORS_END: &str = "<!-- /instructors -->";

/// A copy of the course as files in memory, `/`-separated relative path to content.
pub struct Tree {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Tree {
    /// The student edition: starters, visible tests, lesson texts, the runner, the
    /// grading workflow, pristine starters and the lock file. No solutions, hidden tests,
    /// known-wrong corpus or instructor notes.
    pub fn student_edition(course: &Course) -> Result<Tree, Error> {
        let mut tree = Tree::common(course, Edition::Students)?;
        if let Some(readme) = tree.files.get_mut("README.md") {
            *readme = strip_instructor_sections(&String::from_utf8_lossy(readme)).into_bytes();
        }
        for (path, content) in course_files(&course.root.join(EDITION_OVERLAY))? {
            tree.files.insert(path, content);
        }
        for exercise in course.exercises() {
            let starter = tree.files[&exercise.student_path()].clone();
            let path = format!(
                "{STARTERS_DIR}/{}/{}.rs",
                exercise.lesson.id,
                exercise.name()
            );
            tree.files.insert(path, starter);
        }
        let lock = tree.lock(course, source_commit(&course.root));
        tree.files
            .insert(LOCK_FILE.to_string(), lock.to_json().into_bytes());
        Ok(tree)
    }

    /// What a student's work (or a variant of the corpus) is graded in: the edition's
    /// files plus the hidden tests, still without solutions or the corpus (a student's
    /// file could `include!` them).
    pub fn grading(course: &Course) -> Result<Tree, Error> {
        Tree::common(course, Edition::Course)
    }

    /// The files both copies share. `tests` picks which tests main.rs declares.
    fn common(course: &Course, tests: Edition) -> Result<Tree, Error> {
        let mut files = BTreeMap::new();
        for name in ROOT_FILES {
            if let Ok(content) = std::fs::read(course.root.join(name)) {
                files.insert(name.to_string(), normalize(content));
            }
        }
        for krate in CRATES {
            for (path, content) in course_files(&course.root.join(krate))? {
                let path = format!("{krate}/{path}");
                if !path.starts_with(RUNNER_TESTS) {
                    files.insert(path, content);
                }
            }
        }
        for lesson in &course.lessons {
            let prefix = format!("lessons/{}", lesson.id);
            for (path, content) in course_files(&lesson.dir)? {
                let keep = !path.starts_with("solutions/")
                    && !path.starts_with(&format!("{CORPUS_DIR}/"))
                    && (tests == Edition::Course || !path.starts_with("tests/hidden/"))
                    && path.rsplit('/').next() != Some(NOTES);
                if keep {
                    files.insert(format!("{prefix}/{path}"), content);
                }
            }
            if let Some(manifest) = files.get_mut(&format!("{prefix}/Cargo.toml")) {
                *manifest =
                    strip_solutions_feature(&String::from_utf8_lossy(manifest)).into_bytes();
            }
            files.insert(
                format!("{prefix}/src/lib.rs"),
                starter::lib_rs(lesson, Edition::Students).into_bytes(),
            );
            files.insert(
                format!("{prefix}/tests/main.rs"),
                starter::tests_main_rs(lesson, tests).into_bytes(),
            );
            for exercise in lesson.exercises() {
                let starter = starter::of_exercise(course, &exercise)?;
                files.insert(exercise.student_path(), starter.into_bytes());
            }
        }
        Ok(Tree { files })
    }

    /// The lock file: every file by kind, with its hash.
    fn lock(&self, course: &Course, source: Option<String>) -> Lock {
        let editable: Vec<String> = course.exercises().map(|e| e.student_path()).collect();
        let mut lock = Lock {
            source,
            protected: BTreeMap::new(),
            editable: BTreeMap::new(),
            documents: BTreeMap::new(),
        };
        for (path, content) in &self.files {
            let kind = if editable.contains(path) {
                &mut lock.editable
            } else if path.ends_with(".md") {
                &mut lock.documents
            } else {
                &mut lock.protected
            };
            kind.insert(path.clone(), lock::hash(content));
        }
        lock
    }

    /// Makes `dir` hold exactly this tree (its `target/` aside), writing only what
    /// differs so that cargo rebuilds only what changed since the last use of `dir`.
    pub fn mirror(&self, dir: &Path) -> Result<(), Error> {
        for path in walk(dir) {
            if !self.files.contains_key(&path) {
                let file = dir.join(&path);
                std::fs::remove_file(&file)
                    .map_err(|e| Error::config(format!("cannot remove {}: {e}", file.display())))?;
            }
        }
        for (path, content) in &self.files {
            write_if_changed(&dir.join(path), content)?;
        }
        Ok(())
    }

    /// Writes the tree into `out`: files whose content differs are written, files of a
    /// previous edition that this one no longer has are removed, anything else (`.git`,
    /// `target/`) is left alone. Returns how many files were written and removed.
    pub fn write(&self, out: &Path) -> Result<(usize, usize), Error> {
        let mut removed = 0;
        if let Ok(previous) = Lock::load(out) {
            let stale = previous
                .protected
                .keys()
                .chain(previous.editable.keys())
                .chain(previous.documents.keys())
                .filter(|path| !self.files.contains_key(*path))
                // A lock file names files inside the edition only.
                .filter(|path| !path.split('/').any(|part| part == ".." || part.is_empty()));
            for path in stale {
                let file = out.join(path);
                if std::fs::remove_file(&file).is_ok() {
                    removed += 1;
                    // A dropped lesson leaves no empty directories behind.
                    for dir in file.ancestors().skip(1).take_while(|d| *d != out) {
                        if std::fs::remove_dir(dir).is_err() {
                            break; // not empty
                        }
                    }
                }
            }
        }
        let mut written = 0;
        for (path, content) in &self.files {
            written += usize::from(write_if_changed(&out.join(path), content)?);
        }
        Ok((written, removed))
    }
}

/// Writes `content` to `file` unless it holds it already; returns whether it wrote.
fn write_if_changed(file: &Path, content: &[u8]) -> Result<bool, Error> {
    if std::fs::read(file).is_ok_and(|current| current == content) {
        return Ok(false);
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
    }
    state::write_atomically(file, content)
        .map_err(|e| Error::config(format!("cannot write {}: {e}", file.display())))?;
    Ok(true)
}

/// The files below `dir` with their normalized contents; nothing if `dir` is missing.
fn course_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let file = dir.join(&path);
            let content = std::fs::read(&file)
                .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
            Ok((path, normalize(content)))
        })
        .collect()
}

/// Text with `\n` line endings, whatever the instructor's checkout uses.
fn normalize(content: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(content) {
        Ok(text) if text.contains("\r\n") => text.replace("\r\n", "\n").into_bytes(),
        Ok(text) => text.into_bytes(),
        Err(binary) => binary.into_bytes(),
    }
}

/// The commit the course is at, with `-dirty` when the files the edition is made of
/// differ from it; `None` outside git.
fn source_commit(root: &Path) -> Option<String> {
    if !root.join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "HEAD"])?;
    // Only what the edition is made of: students' checkouts or gradebooks lying in the
    // course directory do not make it dirty.
    let mut status = vec!["status", "--porcelain", "--", "lessons", EDITION_OVERLAY];
    status.extend(ROOT_FILES.iter().chain(CRATES));
    let dirty = git(&status).is_none_or(|status| !status.is_empty());
    Some(if dirty {
        format!("{commit}-dirty")
    } else {
        commit
    })
}

/// A lesson's Cargo.toml without the `solutions` feature (and its comment), which has
/// nothing to build in the student edition.
fn strip_solutions_feature(manifest: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in manifest.lines() {
        if line.trim() == "solutions = []" {
            while lines
                .last()
                .is_some_and(|l| l.trim_start().starts_with('#'))
            {
                lines.pop();
            }
        } else {
            lines.push(line);
        }
    }
    // A `[features]` table left empty goes too, with the blank line after it.
    if let Some(at) = lines.iter().position(|l| l.trim() == "[features]") {
        let rest = lines[at + 1..].iter().find(|l| !l.trim().is_empty());
        if rest.is_none_or(|l| l.trim_start().starts_with('[')) {
            lines.remove(at);
            while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
                lines.remove(at);
            }
        }
    }
    lines.join("\n") + "\n"
}

/// The README without the parts marked for instructors.
fn strip_instructor_sections(readme: &str) -> String {
    let mut kept = String::new();
    let mut skipping = false;
    for line in readme.lines() {
        match line.trim() {
            INSTRUCTORS_BEGIN => skipping = true,
            INSTRUCTORS_END => skipping = false,
            _ if !skipping => {
                kept.push_str(line);
                kept.push('\n');
            }
            _ => {}
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solutions_feature_is_removed_with_its_comment_and_empty_table() {
        let manifest = "[lib]\ndoctest = false\n\n[features]\n# Build the solutions.\nsolutions = []\n\n[[test]]\nname = \"exercises\"\n";
        assert_eq!(
            strip_solutions_feature(manifest),
            "[lib]\ndoctest = false\n\n[[test]]\nname = \"exercises\"\n"
        );
        let other = "[features]\nsolutions = []\nslow = []\n";
        assert_eq!(strip_solutions_feature(other), "[features]\nslow = []\n");
    }

    #[test]
    fn instructor_sections_are_cut() {
        let readme =
            "# Course\nfor all\n<!-- instructors -->\nsecret\n<!-- /instructors -->\nend\n";
        assert_eq!(
            strip_instructor_sections(readme),
            "# Course\nfor all\nend\n"
        );
    }
}
