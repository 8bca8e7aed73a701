//! `cargo xtask grade STUDENT...`: authoritative class grading.
//!
//! From each student's checkout only the exercise files are taken. They are laid over a
//! grading copy of the course made from this repository (hidden tests included,
//! solutions left out), so student code cannot change the tests it is graded by. Each
//! grader works in a copy of its own, `target/grade/slot-N/`, with its own `target/`, so
//! that dependencies build once per slot and students are graded side by side.
//!
//! `cargo xtask grade --merge GRADEBOOK.json...` joins the gradebooks of several jobs.

use crate::course::Course;
use crate::edition::Tree;
use crate::grade::{self, Options};
use crate::gradebook::{Gradebook, StudentGrade};
use crate::lock::{LOCK_FILE, Lock};
use crate::{Error, process, style};
use lexopt::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A student's exercise file larger than this is not graded (and not copied).
const MAX_EXERCISE_FILE: u64 = 1 << 20;

pub struct Args {
    students: Vec<PathBuf>,
    /// `--merge`: the arguments are gradebooks to join, not students.
    merge: bool,
    out: Option<PathBuf>,
    jobs: Option<usize>,
}

impl Args {
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Args, Error> {
        let mut args = Args {
            students: Vec::new(),
            merge: false,
            out: None,
            jobs: None,
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
                Value(path) => args.students.push(path.into()),
                other => return Err(other.unexpected().into()),
            }
        }
        if args.students.is_empty() {
            return Err(Error::usage("`grade` needs the students' checkouts")
                .help("cargo xtask grade [--out DIR] [--jobs N] STUDENT_DIR...; cargo xtask grade --merge GRADEBOOK.json..."));
        }
        Ok(args)
    }
}

pub fn run(course: &Course, args: Args) -> Result<ExitCode, Error> {
    course.require_solutions("grade")?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| course.root.join("target").join("gradebook"));
    let gradebook = if args.merge {
        Gradebook::merge(&args.students)?
    } else {
        grade_class(course, &args)?
    };
    gradebook.write(&out)?;
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

fn grade_class(course: &Course, args: &Args) -> Result<Gradebook, Error> {
    let students = student_names(&args.students)?;
    let grading = Tree::grading(course)?;
    let edition = Tree::student_edition(course)?;
    let lock: Lock = serde_json::from_slice(&edition.files[LOCK_FILE])
        .map_err(|e| Error::config(format!("cannot read back the edition's lock: {e}")))?;
    let slots_dir = course.root.join("target").join("grade");
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() / 2))
        .clamp(1, students.len());

    process::watch_interrupts();
    let next = AtomicUsize::new(0);
    let grades: Vec<Mutex<Option<Result<StudentGrade, Error>>>> =
        students.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for slot in 0..jobs {
            let slot_dir = slots_dir.join(format!("slot-{slot}"));
            let (grading, lock, students, grades, next) =
                (&grading, &lock, &students, &grades, &next);
            scope.spawn(move || {
                while let Some((name, dir)) = students.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if process::interrupted() {
                        break;
                    }
                    style::status("Grading", &format!("{name} ({})", dir.display()));
                    let grade = grade_student(course, grading, lock, &slot_dir, name, dir);
                    if let Ok(grade) = &grade {
                        let trust = if grade.untrusted { " (untrusted)" } else { "" };
                        style::status(
                            "Graded",
                            &format!("{name}: {}/{}{trust}", grade.passed, grade.total),
                        );
                    }
                    let index = students
                        .iter()
                        .position(|(n, _)| n == name)
                        .expect("listed");
                    *grades[index].lock().unwrap() = Some(grade);
                }
            });
        }
    });
    if process::interrupted() {
        return Err(Error::interrupted());
    }
    let mut graded = Vec::new();
    for grade in grades {
        match grade.into_inner().unwrap() {
            Some(grade) => graded.push(grade?),
            None => return Err(Error::interrupted()),
        }
    }
    Ok(Gradebook {
        source: lock.source.clone(),
        lessons: course.lessons.iter().map(|l| l.id.clone()).collect(),
        students: graded,
    })
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

/// Grades one student in `slot`: the grading copy with the student's exercise files.
fn grade_student(
    course: &Course,
    grading: &Tree,
    lock: &Lock,
    slot: &Path,
    name: &str,
    student: &Path,
) -> Result<StudentGrade, Error> {
    let mut files = grading.files.clone();
    for exercise in course.exercises() {
        let path = exercise.student_path();
        // Otherwise the starter stays: the exercise fails.
        if let Some(content) = own_exercise_file(student, &path)? {
            files.insert(path, content);
        }
    }
    Tree { files }.mirror(slot)?;
    let slot_course = Course::load(slot)?;
    let selection = slot_course.select(None)?;
    let report = grade::grade(
        &slot_course,
        &selection,
        &Options::copy(slot.join("target")),
    )?;
    Ok(StudentGrade::new(
        name.to_string(),
        &report,
        lock.check(student),
    ))
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
