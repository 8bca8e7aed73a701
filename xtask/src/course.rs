//! The course on disk: its root, its lessons in order and their exercises, and the files
//! a copy of it is made of.

use crate::error::Error;
use crate::manifest::{ExerciseEntry, Manifest};
use std::path::{Path, PathBuf};

/// A lesson's known-wrong corpus: `wrong/NAME/*.rs` (see `corpus`). Instructor-only.
pub const CORPUS_DIR: &str = "wrong";

/// Where a student edition keeps its lock file (see `lock`), relative to its root.
pub const LOCK_FILE: &str = ".course/lock.json";

pub struct Course {
    pub root: PathBuf,
    pub lessons: Vec<Lesson>,
}

pub struct Lesson {
    /// The directory name, `01-processes`: what reports call the lesson.
    pub id: String,
    /// `01`.
    pub number: String,
    /// `processes`.
    pub topic: String,
    /// Absolute path of the lesson crate.
    pub dir: PathBuf,
    pub manifest: Manifest,
}

/// One exercise, borrowed from its lesson.
#[derive(Clone, Copy)]
pub struct Exercise<'c> {
    pub lesson: &'c Lesson,
    pub entry: &'c ExerciseEntry,
}

impl Course {
    /// Finds the course root above the current directory and loads every lesson.
    pub fn discover() -> Result<Course, Error> {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::config(format!("cannot read the current directory: {e}")))?;
        let root = cwd
            .ancestors()
            .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("lessons").is_dir())
            .ok_or_else(|| {
                Error::config(format!(
                    "{} is not inside the course: no parent directory has both `Cargo.toml` and `lessons/`",
                    cwd.display()
                ))
                .help("run `cargo xtask` from the course repository")
            })?;
        Course::load(root)
    }

    pub fn load(root: &Path) -> Result<Course, Error> {
        let lessons_dir = root.join("lessons");
        let entries = std::fs::read_dir(&lessons_dir)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", lessons_dir.display())))?;
        let mut lessons = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                Error::config(format!("cannot read {}: {e}", lessons_dir.display()))
            })?;
            if entry.path().is_dir() {
                lessons.push(Lesson::load(&entry.path())?);
            }
        }
        lessons.sort_by(|a, b| a.id.cmp(&b.id));
        let course = Course {
            root: root.to_path_buf(),
            lessons,
        };
        course.check_unique_names()?;
        Ok(course)
    }

    fn check_unique_names(&self) -> Result<(), Error> {
        let all: Vec<Exercise> = self.exercises().collect();
        for (i, a) in all.iter().enumerate() {
            if let Some(b) = all[..i].iter().find(|b| b.name() == a.name()) {
                return Err(Error::config(format!(
                    "exercise `{}` is in both {} and {}: exercise names must be unique in the course",
                    a.name(),
                    b.lesson.manifest_path_display(),
                    a.lesson.manifest_path_display()
                )));
            }
        }
        Ok(())
    }

    /// Every exercise, in course order.
    pub fn exercises(&self) -> impl Iterator<Item = Exercise<'_>> {
        self.lessons.iter().flat_map(|lesson| lesson.exercises())
    }

    pub fn exercise(&self, name: &str) -> Result<Exercise<'_>, Error> {
        self.exercises().find(|e| e.name() == name).ok_or_else(|| {
            let error = Error::usage(format!("no exercise named `{name}`"));
            match closest(name, self.exercises().map(|e| e.name())) {
                Some(similar) => error.help(format!("did you mean `{similar}`?")),
                None => error.help("`cargo xtask list` shows every exercise"),
            }
        })
    }

    /// Resolves a `check` target: an exercise name, or a lesson by number, topic or id.
    pub fn select(&self, target: Option<&str>) -> Result<Vec<Exercise<'_>>, Error> {
        let Some(target) = target else {
            return Ok(self.exercises().collect());
        };
        if let Some(lesson) = self
            .lessons
            .iter()
            .find(|l| [l.id.as_str(), l.number.as_str(), l.topic.as_str()].contains(&target))
        {
            return Ok(lesson.exercises().collect());
        }
        if let Ok(exercise) = self.exercise(target) {
            return Ok(vec![exercise]);
        }
        let names = self
            .lessons
            .iter()
            .flat_map(|l| [l.id.as_str(), l.topic.as_str()])
            .chain(self.exercises().map(|e| e.name()));
        let error = Error::usage(format!("`{target}` is neither a lesson nor an exercise"));
        Err(match closest(target, names) {
            Some(similar) => error.help(format!("did you mean `{similar}`?")),
            None => error.help("a target is a lesson (`01`, `processes`, `01-processes`) or an exercise name; `cargo xtask list` shows them"),
        })
    }

    /// `path` relative to the course root, with `/` separators: how reports name files.
    pub fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn state_path(&self) -> PathBuf {
        self.root.join(".course-state.json")
    }

    /// Whether this is a student edition (`cargo xtask publish`), which has a lock file
    /// and no solutions, rather than the instructors' course repository. Without its lock
    /// file a copy still counts as an edition when it has no solutions.
    pub fn is_edition(&self) -> bool {
        self.root.join(LOCK_FILE).is_file()
            || !self
                .lessons
                .iter()
                .any(|l| l.dir.join("solutions").is_dir())
    }

    /// Stops an instructors' command that cannot work in a student edition.
    pub fn require_solutions(&self, command: &str) -> Result<(), Error> {
        if self.is_edition() {
            return Err(Error::config(format!(
                "`cargo xtask {command}` needs the reference solutions, and solutions are not part of this edition of the course"
            ))
            .help("this is the student edition: `cargo xtask check` grades your work; instructors run this command in the course repository"));
        }
        Ok(())
    }
}

impl Lesson {
    fn load(dir: &Path) -> Result<Lesson, Error> {
        let id = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let (number, topic) = id
            .split_once('-')
            .filter(|(number, topic)| {
                number.len() == 2
                    && number.bytes().all(|b| b.is_ascii_digit())
                    && !topic.is_empty()
                    && topic.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
            .ok_or_else(|| {
                Error::config(format!("lesson directory `lessons/{id}` is not named `NN-topic`"))
                    .help("name lesson directories like `01-processes`: two digits, `-`, a lowercase topic")
            })?;
        let manifest = Manifest::load(&dir.join("lesson.toml")).map_err(Error::config)?;
        Ok(Lesson {
            number: number.to_string(),
            topic: topic.to_string(),
            id,
            dir: dir.to_path_buf(),
            manifest,
        })
    }

    /// The cargo package: `lessons/01-processes` is `lesson-01-processes`.
    pub fn package(&self) -> String {
        format!("lesson-{}", self.id)
    }

    /// `tests/hidden/`: the lesson's tests that are never published.
    pub fn hidden_tests_dir(&self) -> PathBuf {
        self.dir.join("tests").join("hidden")
    }

    pub fn exercises(&self) -> impl Iterator<Item = Exercise<'_>> {
        self.manifest.exercises.iter().map(move |entry| Exercise {
            lesson: self,
            entry,
        })
    }

    fn manifest_path_display(&self) -> String {
        format!("lessons/{}/lesson.toml", self.id)
    }
}

impl<'c> Exercise<'c> {
    pub fn name(&self) -> &'c str {
        &self.entry.name
    }

    /// The starter the student edits.
    pub fn src_file(&self) -> PathBuf {
        self.lesson
            .dir
            .join("src")
            .join(format!("{}.rs", self.name()))
    }

    pub fn solution_file(&self) -> PathBuf {
        self.lesson
            .dir
            .join("solutions")
            .join(format!("{}.rs", self.name()))
    }

    pub fn test_file(&self) -> PathBuf {
        self.lesson
            .dir
            .join("tests")
            .join(format!("{}.rs", self.name()))
    }

    /// Tests that run in `verify` and in class grading but are never published.
    pub fn hidden_test_file(&self) -> PathBuf {
        self.lesson
            .hidden_tests_dir()
            .join(format!("{}.rs", self.name()))
    }

    /// `wrong/NAME/`: the known-wrong corpus of the exercise, and its other correct
    /// solutions.
    pub fn corpus_dir(&self) -> PathBuf {
        self.lesson.dir.join(CORPUS_DIR).join(self.name())
    }

    /// `lessons/01-processes/src/run_helper.rs`: the one file of the exercise a student
    /// may change, relative to the course root.
    pub fn student_path(&self) -> String {
        format!("lessons/{}/src/{}.rs", self.lesson.id, self.name())
    }
}

/// Every file below `dir`, as sorted `/`-separated relative paths, without build
/// output, version control and the runner's per-checkout state.
pub fn walk(dir: &Path) -> Vec<String> {
    fn visit(dir: &Path, prefix: &str, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let skipped = matches!(
                name.as_str(),
                "target" | ".git" | "node_modules" | ".course-backups"
            ) || name.starts_with(".course-state.json");
            if skipped {
                continue;
            }
            let path = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => visit(&entry.path(), &format!("{path}/"), found),
                Ok(kind) if kind.is_file() => found.push(path),
                _ => {} // symbolic links are not part of a course
            }
        }
    }
    let mut found = Vec::new();
    visit(dir, "", &mut found);
    found.sort();
    found
}

/// The candidate nearest to `name` by edit distance, if it is near enough to be a typo.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.len() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let names = ["run_helper", "pipe_through", "child_guard"];
        assert_eq!(closest("run_helpr", names.into_iter()), Some("run_helper"));
        assert_eq!(
            closest("child_gaurd", names.into_iter()),
            Some("child_guard")
        );
        assert_eq!(closest("zzz", names.into_iter()), None);
    }
}
