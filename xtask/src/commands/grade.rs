//! `cargo xtask grade STUDENT...`: authoritative class grading.
//!
//! From each student's checkout only the exercise files are taken. They are laid over a
//! grading copy of the course made from this repository (hidden tests included,
//! solutions left out), so student code cannot change the tests it is graded by.
//!
//! Students are graded in a private directory outside the repository, removed at the
//! end. The dependencies are built from the course's own files into a cache kept between
//! runs (`target/grade-cache/`); each student gets a fresh copy of the grading tree and
//! of that cache without the course's own crates, so no student's build or test output
//! is ever seen by another. Building, listing and running
//! tests happen in a sandbox ([`crate::sandbox`]) unless `--no-sandbox` is given.
//!
//! `cargo xtask grade --merge GRADEBOOK.json...` joins the gradebooks of several jobs.

use super::help::Help;
use crate::cargo::{self, LessonBuild};
use crate::course::{Course, LOCK_FILE};
use crate::edition::Tree;
use crate::grade::{self, Options};
use crate::gradebook::{Gradebook, StudentGrade};
use crate::lock::Lock;
use crate::sandbox::{self, Bubblewrap};
use crate::{error::Error, process, review, style};
use lexopt::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub const HELP: Help = Help {
    about: "Grade students' checkouts against this course; write a gradebook",
    usage: &[
        "[OPTIONS] <STUDENT>...",
        "--merge [--out <DIR>] <GRADEBOOK>...",
    ],
    arguments: &[
        ("<STUDENT>...", "Students' checkouts of the edition"),
        (
            "<GRADEBOOK>...",
            "With --merge: the gradebook.json files of several jobs",
        ),
    ],
    options: &[
        (
            "--out <DIR>",
            "Write gradebook.csv, .json, .md here [default: target/gradebook]",
        ),
        (
            "-j, --jobs <N>",
            "Students graded at once [default: half the cores]",
        ),
        ("--merge", "Join gradebooks instead of grading"),
        (
            "--no-sandbox",
            "Run student code without the sandbox (trusted code only)",
        ),
        (
            "--build-timeout <SECONDS>",
            "Stop a student's build after this long [default: 600]",
        ),
    ],
    examples: &[
        (
            "cargo xtask grade --out gradebook students/*",
            "Grade a class",
        ),
        (
            "cargo xtask grade --merge a/gradebook.json b/gradebook.json",
            "Join two jobs' gradebooks",
        ),
    ],
};
/// A student's exercise file larger than this is not graded (and not copied).
const MAX_EXERCISE_FILE: u64 = 1 << 20;

pub struct Args {
    students: Vec<PathBuf>,
    /// `--merge`: the arguments are gradebooks to join, not students.
    merge: bool,
    out: Option<PathBuf>,
    jobs: Option<usize>,
    /// `--no-sandbox`: run student code as the grader (trusted code only).
    no_sandbox: bool,
    /// `--build-timeout SECONDS`: how long one student's build may take.
    build_timeout: Duration,
}

impl Args {
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Args, Error> {
        let mut args = Args {
            students: Vec::new(),
            merge: false,
            out: None,
            jobs: None,
            no_sandbox: false,
            build_timeout: BUILD_TIMEOUT,
        };
        while let Some(arg) = parser.next()? {
            match arg {
                Long("out") => args.out = Some(parser.value()?.into()),
                Long("jobs") | Short('j') => {
                    let jobs: usize = parser.value()?.parse()?;
                    if jobs == 0 {
                        return Err(Error::usage("`--jobs` must be at least 1"));
                    }
                    args.jobs = Some(jobs);
                }
                Long("merge") => args.merge = true,
                Long("no-sandbox") => args.no_sandbox = true,
                Long("build-timeout") => {
                    let seconds: u64 = parser.value()?.parse()?;
                    args.build_timeout = Duration::from_secs(seconds.max(1));
                }
                Value(path) => args.students.push(path.into()),
                other => return Err(other.unexpected().into()),
            }
        }
        if args.students.is_empty() {
            return Err(Error::usage("`grade` needs the students' checkouts")
                .help("cargo xtask grade [--out DIR] [--jobs N] [--no-sandbox] [--build-timeout SECONDS] STUDENT_DIR...; cargo xtask grade --merge GRADEBOOK.json..."));
        }
        Ok(args)
    }
}

/// How long one student's build may take by default (the dependencies are built
/// beforehand, without a limit).
const BUILD_TIMEOUT: Duration = Duration::from_secs(600);

pub fn run(course: &Course, args: Args) -> Result<ExitCode, Error> {
    course.require_solutions("grade")?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| course.root.join("target").join("gradebook"));
    let gradebook = if args.merge {
        let gradebook = Gradebook::merge(&args.students)?;
        gradebook.write(&out)?;
        gradebook
    } else {
        grade_class(course, &args, &out)?
    };
    print!("\n{}", gradebook.to_markdown());
    style::status(
        "Wrote",
        &format!(
            "the gradebook of {} student(s) to {} (gradebook.csv, .json, .md)",
            gradebook.students.len(),
            out.display()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// Grades every student, writing the gradebook to `out` each time a grade is known, so
/// that a run that is stopped keeps what it had graded.
fn grade_class(course: &Course, args: &Args, out: &Path) -> Result<Gradebook, Error> {
    let students = student_names(&args.students)?;
    let bubblewrap = if args.no_sandbox {
        None
    } else {
        Some(Bubblewrap::detect()?)
    };
    let grading = Tree::grading(course)?;
    let edition = Tree::student_edition(course)?;
    let lock: Lock = serde_json::from_slice(&edition.files[LOCK_FILE])
        .map_err(|e| Error::config(format!("cannot read back the edition's lock: {e}")))?;
    // As root, each slot runs student code as a user of its own, for the task limit.
    let slot_users = bubblewrap.is_some() && sandbox::current_uid() == Some(0);
    let work = WorkDir::create(slot_users)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() / 2))
        .clamp(1, students.len());

    process::watch_interrupts();
    style::status(
        "Building",
        &format!("the dependencies, once for the class (cached in {CACHE_DIR}/)"),
    );
    let cache = DependencyCache::build(course, &grading, bubblewrap.as_ref())?;
    let build_timeout = args.build_timeout;
    let gradebook = Mutex::new(Gradebook {
        source: lock.source.clone(),
        lessons: course.lessons.iter().map(|l| l.id.clone()).collect(),
        sandbox: if bubblewrap.is_some() {
            "bubblewrap"
        } else {
            "none"
        }
        .to_string(),
        students: Vec::new(),
    });
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for slot in 0..jobs {
            let grader = Grader {
                course,
                grading: &grading,
                lock: &lock,
                cache: &cache,
                bubblewrap: bubblewrap.as_ref(),
                build_timeout,
                slot: work.path.join(format!("slot-{slot}")),
                user: slot_users.then(|| SLOT_USERS + slot as u32),
            };
            let (students, gradebook, failure, next) = (&students, &gradebook, &failure, &next);
            scope.spawn(move || {
                while let Some((name, dir)) = students.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if process::interrupted() {
                        break;
                    }
                    style::status("Grading", &format!("{name} ({})", dir.display()));
                    let grade = match grader.grade(name, dir) {
                        Ok(grade) => grade,
                        Err(_) if process::interrupted() => break,
                        // One student's grading failing costs only that student's grade.
                        Err(error) => StudentGrade::not_graded(
                            name.clone(),
                            grader.total(),
                            error.to_string(),
                        ),
                    };
                    let trust = if grade.untrusted { " (untrusted)" } else { "" };
                    style::status(
                        "Graded",
                        &format!("{name}: {}/{}{trust}", grade.passed, grade.total),
                    );
                    let mut book = gradebook.lock().unwrap();
                    book.students.push(grade);
                    book.students
                        .sort_by_key(|g| students.iter().position(|(n, _)| *n == g.student));
                    if let Err(e) = book.write(out) {
                        *failure.lock().unwrap() = Some(e);
                    }
                }
            });
        }
    });
    if let Some(error) = failure.into_inner().unwrap() {
        return Err(error);
    }
    if process::interrupted() {
        return Err(Error::interrupted());
    }
    Ok(gradebook.into_inner().unwrap())
}

/// A private directory for one grading run, outside the repository; removed on drop.
struct WorkDir {
    path: PathBuf,
}

impl WorkDir {
    /// `for_slot_users`: the slots' own users may pass through it (but not list it).
    fn create(for_slot_users: bool) -> Result<WorkDir, Error> {
        let unique = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("course-grade-{}-{unique:x}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(
            &mut builder,
            if for_slot_users { 0o711 } else { 0o700 },
        );
        builder
            .create(&path)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", path.display())))?;
        let work = WorkDir { path };
        // Cargo reads `.cargo/config.toml` in every directory above the one it builds in:
        // one planted there would run its own `rustc-wrapper` in every build.
        if let Some(config) = work.path.ancestors().skip(1).find_map(cargo_config) {
            return Err(Error::config(format!(
                "{} would configure every grading build: grading refuses to run below it",
                config.display()
            ))
            .help("remove it, or point TMPDIR at a directory with no `.cargo` above it"));
        }
        Ok(work)
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The cargo configuration file of `dir`, if it has one.
fn cargo_config(dir: &Path) -> Option<PathBuf> {
    ["config.toml", "config"]
        .into_iter()
        .map(|name| dir.join(".cargo").join(name))
        .find(|file| file.exists())
}

/// The dependency cache: a build of the course's own starters, kept between runs in
/// `target/grade-cache/` (no student code ever runs or writes there), so that only
/// what changed in the course is rebuilt.
pub const CACHE_DIR: &str = "target/grade-cache";

/// A build of the course's own starters, from which every student's build directory is
/// copied ([`DependencyCache::copy_to`]) without the course's own crates.
struct DependencyCache {
    target: PathBuf,
    /// Name prefixes of the workspace's own artifacts, which are never copied.
    members: Vec<String>,
}

impl DependencyCache {
    /// Brings the cache up to date with the course (cargo rebuilds only what changed).
    fn build(
        course: &Course,
        grading: &Tree,
        bubblewrap: Option<&Bubblewrap>,
    ) -> Result<DependencyCache, Error> {
        let dir = course.root.join(CACHE_DIR).join("course");
        let target = course.root.join(CACHE_DIR).join("target");
        grading.mirror(&dir)?;
        std::fs::create_dir_all(&target)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", target.display())))?;
        let copy = Course::load(&dir)?;
        let lessons: Vec<_> = copy.lessons.iter().collect();
        let options = Options {
            sandbox: bubblewrap.map(|b| b.confine(&dir, &target)),
            ..Options::copy(target.clone())
        };
        let builds = cargo::build_tests(&copy, &lessons, &options.build())?;
        if let Some((lesson, LessonBuild::Failed { errors })) = builds
            .iter()
            .find(|(_, build)| matches!(build, LessonBuild::Failed { .. }))
        {
            let first = errors.first().map_or("", |e| e.rendered.as_str());
            return Err(Error::config(format!(
                "the course's own starters of {lesson} do not build: {first}"
            ))
            .help("run `cargo xtask verify` and fix the course first"));
        }
        // Artifacts are named after their crate (`-` or `_`), libraries with `lib` first.
        let members = course
            .lessons
            .iter()
            .map(|l| l.package())
            .chain(["shared", "xtask", "exercises"].map(str::to_string))
            .flat_map(|m| {
                let snake = m.replace('-', "_");
                [format!("{m}-"), format!("{snake}-"), format!("lib{snake}-")]
            })
            .collect();
        Ok(DependencyCache { target, members })
    }

    /// Copies the cache to `to`, without the artifacts of the course's own crates: each
    /// student's lessons are built from their own files, never reused from anyone's.
    fn copy_to(&self, to: &Path) -> std::io::Result<()> {
        let is_member = |name: &str| self.members.iter().any(|m| name.starts_with(m.as_str()));
        copy_tree(&self.target, to, &is_member)
    }
}

/// Copies a directory tree (regular files and directories; links are not followed),
/// leaving out the entries whose name `skip` accepts.
fn copy_tree(from: &Path, to: &Path, skip: &dyn Fn(&str) -> bool) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if skip(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target, skip)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// What grading one student needs; one per slot.
struct Grader<'a> {
    course: &'a Course,
    grading: &'a Tree,
    lock: &'a Lock,
    /// Copied for each student, never written.
    cache: &'a DependencyCache,
    bubblewrap: Option<&'a Bubblewrap>,
    build_timeout: Duration,
    /// This grader's directory; emptied for each student.
    slot: PathBuf,
    /// The user its student code runs as, if the grader is root (see `SLOT_USERS`).
    user: Option<u32>,
}

/// The first of the users that student code runs as when the grader is root, one per
/// slot: the kernel limits each user's tasks, never root's. Far above the ranges that
/// systems and container runtimes hand out.
const SLOT_USERS: u32 = 1_999_000_000;

impl Grader<'_> {
    fn total(&self) -> usize {
        self.course.exercises().count()
    }

    /// Grades one student in a fresh slot: the grading copy with the student's exercise
    /// files, and a fresh copy of the dependency cache as its build directory.
    fn grade(&self, name: &str, student: &Path) -> Result<StudentGrade, Error> {
        let mut files = self.grading.files.clone();
        let mut review = Vec::new();
        for exercise in self.course.exercises() {
            let path = exercise.student_path();
            // Otherwise the starter stays: the exercise fails.
            if let Some(content) = own_exercise_file(student, &path)? {
                let text = String::from_utf8_lossy(&content);
                review.extend(review::flags(&path, &text, &exercise.entry.may_use));
                files.insert(path, content);
            }
        }
        if self.slot.exists() {
            std::fs::remove_dir_all(&self.slot)
                .map_err(|e| Error::config(format!("cannot empty {}: {e}", self.slot.display())))?;
        }
        let target = self.slot.join("target");
        self.cache.copy_to(&target).map_err(|e| {
            Error::config(format!(
                "cannot copy the dependency cache to {}: {e}",
                target.display()
            ))
        })?;
        Tree { files }.mirror(&self.slot)?;
        if let Some(uid) = self.user {
            give_to(&self.slot, uid)?;
        }
        let slot_course = Course::load(&self.slot)?;
        let selection = slot_course.select(None)?;
        let options = Options {
            sandbox: self.bubblewrap.map(|b| {
                let hidden = slot_course.lessons.iter().map(|l| l.hidden_tests_dir());
                let sandbox = b.confine(&self.slot, &target).hiding(hidden);
                match self.user {
                    Some(uid) => sandbox.clone().run_as(uid).unwrap_or_else(|| {
                        warn_once(
                            "student code runs as root, where the kernel limits no tasks: \
                             `setpriv` is missing, or bubblewrap cannot sandbox another user",
                        );
                        sandbox
                    }),
                    None => sandbox,
                }
            }),
            build_timeout: Some(self.build_timeout),
            ..Options::copy(target.clone())
        };
        let report = grade::grade(&slot_course, &selection, &options)?;
        Ok(StudentGrade::new(
            name.to_string(),
            &report,
            self.lock.check(student),
            review,
        ))
    }
}

/// Makes `slot` readable by its user and by root's group, and nobody else: student code
/// runs as that user, and the build as root without the privilege to bypass permissions.
fn give_to(slot: &Path, uid: u32) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::os::unix::fs::chown(slot, Some(uid), Some(0))
            .and_then(|()| std::fs::set_permissions(slot, std::fs::Permissions::from_mode(0o750)))
            .map_err(|e| {
                Error::config(format!("cannot give {} to user {uid}: {e}", slot.display()))
            })?;
    }
    #[cfg(not(unix))]
    let _ = (slot, uid);
    Ok(())
}

fn warn_once(message: &str) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| style::warn(message));
}

/// Each checkout with the student's name: its directory's name, which must be unique.
fn student_names(dirs: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut named: Vec<(String, PathBuf)> = Vec::new();
    for dir in dirs {
        if !dir.join("lessons").is_dir() {
            return Err(Error::usage(format!(
                "{} is not a checkout of the course: it has no `lessons/`",
                dir.display()
            )));
        }
        let dir = std::fs::canonicalize(dir)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", dir.display())))?;
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if named.iter().any(|(n, _)| *n == name) {
            return Err(Error::usage(format!(
                "two checkouts are named `{name}`: a student is named by the checkout's directory"
            ))
            .help("clone each student's repository into a directory named after the student"));
        }
        named.push((name, dir));
    }
    Ok(named)
}

/// The student's file at `path` below the checkout `student` (canonical): a regular file
/// of at most `MAX_EXERCISE_FILE` bytes, reached without a symbolic link, which could
/// lead to a solution, a classmate's work or any file on the machine. `None` when it is
/// anything else.
fn own_exercise_file(student: &Path, path: &str) -> Result<Option<Vec<u8>>, Error> {
    let file = student.join(path);
    let is_own = std::fs::symlink_metadata(&file)
        .is_ok_and(|m| m.is_file() && m.len() <= MAX_EXERCISE_FILE)
        && file.canonicalize().is_ok_and(|resolved| resolved == file);
    if !is_own {
        return Ok(None);
    }
    std::fs::read(&file)
        .map(Some)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))
}
