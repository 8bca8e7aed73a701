//! `cargo xtask bench`: how fast grading is, against the raw `cargo test` floor.
//!
//! Quotes medians of `--runs` runs (default 5) of: the floor (`cargo test` of the
//! lessons, no runner), a warm `cargo xtask check` with nothing changed (with and
//! without the result cache), and a check after an edit to one exercise file; with
//! `--cold`, a first check in a fresh clone (registry already downloaded) and the size
//! of its `target/`; with `--grade`, class grading of three students (every exercise
//! solved, one solved, none) with and without the sandbox.

use super::help::Help;
use crate::cargo::cargo;
use crate::course::Course;
use crate::{error::Error, style};
use lexopt::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

pub const HELP: Help = Help {
    about: "Measure grading speed against a raw `cargo test`",
    usage: &["[OPTIONS]"],
    arguments: &[],
    options: &[
        (
            "--runs <N>",
            "Runs per figure, of which the median is quoted [default: 5]",
        ),
        (
            "--cold",
            "Also time a first check in a fresh clone, and the size of its target/",
        ),
        (
            "--grade",
            "Also time class grading, with and without the sandbox",
        ),
    ],
    examples: &[("cargo xtask bench --cold", "The figures the README quotes")],
};

pub struct Args {
    runs: usize,
    cold: bool,
    grade: bool,
}

impl Args {
    pub fn parse(parser: &mut lexopt::Parser) -> Result<Args, Error> {
        let mut args = Args {
            runs: 5,
            cold: false,
            grade: false,
        };
        while let Some(arg) = parser.next()? {
            match arg {
                Long("runs") => {
                    args.runs = parser
                        .value()?
                        .parse()
                        .map_err(|e| Error::usage(format!("--runs: {e}")))?
                }
                Long("cold") => args.cold = true,
                Long("grade") => args.grade = true,
                other => return Err(other.unexpected().into()),
            }
        }
        if args.runs == 0 {
            return Err(Error::usage("--runs must be at least 1"));
        }
        Ok(args)
    }
}

pub fn run(course: &Course, args: Args) -> Result<ExitCode, Error> {
    let root = &course.root;
    // The floor: what `check` grades, run by cargo alone (the lesson packages).
    let mut floor = cargo();
    floor.args(["test", "--no-fail-fast", "--quiet"]);
    for lesson in &course.lessons {
        floor.args(["--package", &lesson.package()]);
    }
    let check = |extra: &[&str]| {
        let mut command = cargo();
        command
            .args(["xtask", "check"])
            .args(extra)
            .env_remove("CI");
        command
    };

    style::status("Warming", "builds (first runs are not measured)");
    run_quiet(&mut floor, root)?;
    run_quiet(&mut check(&[]), root)?;

    let mut rows = vec![
        (
            "raw `cargo test` of the lessons (floor)",
            median(args.runs, || time(&mut floor, root))?,
        ),
        (
            "`cargo xtask check`, nothing changed",
            median(args.runs, || time(&mut check(&[]), root))?,
        ),
        (
            "`cargo xtask check --no-cache`, nothing changed",
            median(args.runs, || time(&mut check(&["--no-cache"]), root))?,
        ),
    ];
    let exercise = course
        .exercises()
        .next()
        .ok_or_else(|| Error::config("the course has no exercises"))?;
    let file = exercise.src_file();
    let original = std::fs::read_to_string(&file)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
    let restore = Restore {
        file: file.clone(),
        original: original.clone(),
    };
    let mut edits = 0;
    let edited = median(args.runs, || {
        edits += 1;
        std::fs::write(&file, format!("{original}// bench edit {edits}\n"))
            .map_err(|e| Error::config(e.to_string()))?;
        time(&mut check(&[]), root)
    })?;
    drop(restore);
    rows.push(("`cargo xtask check` after editing one exercise", edited));

    let mut target_size = None;
    if args.cold {
        let (elapsed, size) = cold_check(root)?;
        rows.push(("first `cargo xtask check` in a fresh clone", elapsed));
        target_size = Some(size);
    }

    let mut overhead = None;
    if args.grade {
        let (bare, sandboxed) = class_grading(course, args.runs)?;
        rows.push(("`cargo xtask grade` of 3 students, --no-sandbox", bare));
        rows.push((
            "`cargo xtask grade` of 3 students, in the sandbox",
            sandboxed,
        ));
        overhead = Some(sandboxed.as_secs_f64() / bare.as_secs_f64() - 1.0);
    }

    let floor = rows[0].1;
    println!(
        "\nMedians of {} runs on {} cores:\n",
        args.runs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| {:<50} | {:>8} | {:>10} |", "what", "median", "vs floor");
    println!(
        "|{}|{}:|{}:|",
        "-".repeat(52),
        "-".repeat(9),
        "-".repeat(11)
    );
    for (what, elapsed) in &rows {
        println!(
            "| {what:<50} | {:>7.2}s | {:>9.2}x |",
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() / floor.as_secs_f64()
        );
    }
    if let Some(overhead) = overhead {
        println!(
            "\nThe sandbox costs class grading {:+.0} % of wall time.",
            overhead * 100.0
        );
    }
    if let Some(size) = target_size {
        println!(
            "\nSize of target/ after the first check: {:.0} MB",
            size as f64 / 1e6
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Medians of class grading of three students (every exercise solved, one, none) without
/// and with the sandbox, the two measured in turn so that both see the same machine.
fn class_grading(course: &Course, runs: usize) -> Result<(Duration, Duration), Error> {
    let dir = std::env::temp_dir().join(format!("course-bench-grade-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cleanup = RemoveOnDrop(dir.clone());
    let students = ["every", "one", "none"].map(|name| dir.join(name));
    for (index, student) in students.iter().enumerate() {
        run_quiet(
            cargo().args(["xtask", "publish"]).arg(student),
            &course.root,
        )?;
        let solved: Vec<_> = match index {
            0 => course.exercises().collect(),
            1 => course.exercises().take(1).collect(),
            _ => Vec::new(),
        };
        for exercise in solved {
            let path = student.join(exercise.student_path());
            std::fs::copy(exercise.solution_file(), &path)
                .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))?;
        }
    }
    let grade = |sandbox: bool| {
        let mut command = cargo();
        command
            .args(["xtask", "grade", "--out"])
            .arg(dir.join("gradebook"))
            .args(&students);
        if !sandbox {
            command.arg("--no-sandbox");
        }
        command
    };
    style::status("Measuring", "class grading of 3 students");
    // Graded in turn, so that both see the same machine; a failed grading is no figure.
    let timed_grade = |sandbox: bool| -> Result<Duration, Error> {
        let start = Instant::now();
        let status = grade(sandbox)
            .current_dir(&course.root)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status()
            .map_err(|e| Error::config(format!("cannot run grade: {e}")))?;
        if !status.success() {
            return Err(Error::config(
                "class grading failed (see above); `--grade` needs bubblewrap for its sandboxed half",
            ));
        }
        Ok(start.elapsed())
    };
    let (mut bare, mut sandboxed) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        bare.push(timed_grade(false)?);
        sandboxed.push(timed_grade(true)?);
    }
    drop(cleanup);
    Ok((middle(bare), middle(sandboxed)))
}

/// Removes a scratch directory, whatever happens while measuring.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Puts the edited exercise file back, whatever happens while measuring.
struct Restore {
    file: PathBuf,
    original: String,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.file, &self.original);
    }
}

fn median(
    runs: usize,
    mut measure: impl FnMut() -> Result<Duration, Error>,
) -> Result<Duration, Error> {
    let times = (0..runs)
        .map(|_| measure())
        .collect::<Result<Vec<_>, _>>()?;
    Ok(middle(times))
}

/// The median of at least one duration.
fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times a command; its exit status does not matter (unsolved exercises fail).
fn time(command: &mut Command, dir: &Path) -> Result<Duration, Error> {
    let start = Instant::now();
    run_quiet(command, dir)?;
    Ok(start.elapsed())
}

fn run_quiet(command: &mut Command, dir: &Path) -> Result<(), Error> {
    command
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| Error::config(format!("cannot run {command:?}: {e}")))?;
    Ok(())
}

/// Clones the committed course into a temporary directory and times its first check.
fn cold_check(root: &Path) -> Result<(Duration, u64), Error> {
    let clone = std::env::temp_dir().join(format!("course-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&clone);
    let status = Command::new("git")
        .args(["clone", "--quiet", "--local"])
        .arg(root)
        .arg(&clone)
        .status()
        .map_err(|e| {
            Error::config(format!("cannot run git: {e}"))
                .help("`--cold` clones the committed course with git")
        })?;
    if !status.success() {
        return Err(Error::config("git clone of the course failed"));
    }
    style::status(
        "Measuring",
        &format!("a first check in {}", clone.display()),
    );
    let mut check = cargo();
    check
        .args(["xtask", "check"])
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CI");
    let elapsed = time(&mut check, &clone)?;
    let size = dir_size(&clone.join("target"));
    let _ = std::fs::remove_dir_all(&clone);
    Ok((elapsed, size))
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => dir_size(&entry.path()),
            _ => entry.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}
