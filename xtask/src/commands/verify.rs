//! `cargo xtask verify`: the instructors' check, and the project's test command.
//!
//! Proves, without touching `src/`, that manifests are complete, derived files are in
//! sync, every solution passes, every starter fails, every known mistake of the corpus is
//! caught with the right first message and every other correct solution passes, the
//! student edition works, solutions are rustfmt- and clippy-clean, and the runner's own
//! tests pass. Ends with `N passed, N failed`.
//!
//! `verify --wrong [TARGET]` grades only the corpus (of a lesson, or of an exercise).

use super::help::Help;
use super::sync::derived_files;
use crate::cargo::cargo;
use crate::corpus::{Corpus, Variant};
use crate::course::{Course, Lesson};
use crate::edition::{SCRATCH_COPY, SCRATCH_TARGET, Tree};
use crate::grade::{self, Options};
use crate::lock::Lock;
use crate::report::{Report, Status};
use crate::{error::Error, manifest, review, starter, style};
use std::process::{Command, ExitCode};

pub const HELP: Help = Help {
    about: "Prove every solution passes, every starter and known mistake fails, all is in sync",
    usage: &["[OPTIONS]", "--wrong [TARGET]"],
    arguments: &[(
        "[TARGET]",
        "With --wrong: a lesson or an exercise [default: the course]",
    )],
    options: &[("--wrong", "Grade only the known-wrong corpus")],
    examples: &[
        (
            "cargo xtask verify",
            "Every check; ends with `N passed, N failed`",
        ),
        (
            "cargo xtask verify --wrong 02",
            "Only the known mistakes of lesson 02",
        ),
    ],
};

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
}

impl Tally {
    fn record(&mut self, ok: bool, what: &str, why: Option<&str>) {
        if ok {
            self.passed += 1;
            println!("{} {what}", style::green("    ok"));
        } else {
            self.failed += 1;
            println!("{} {what}", style::red("  FAIL"));
            if let Some(why) = why {
                println!(
                    "{}",
                    why.lines()
                        .map(|l| format!("         {l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
    }
}

pub struct Args {
    /// `--wrong`: only the known-wrong corpus.
    pub wrong: bool,
    /// With `--wrong`: a lesson or an exercise.
    pub target: Option<String>,
}

pub fn run(course: &Course, args: Args) -> Result<ExitCode, Error> {
    course.require_solutions("verify")?;
    let mut tally = Tally::default();
    let color = style::color_enabled();
    let corpora: Vec<(&Lesson, Corpus)> = course
        .lessons
        .iter()
        .map(|lesson| (lesson, Corpus::load(course, lesson)))
        .collect();

    if args.wrong {
        check_corpus_only(course, &corpora, args.target.as_deref(), &mut tally)?;
        println!("\n{} passed, {} failed", tally.passed, tally.failed);
        return Ok(super::exit_code(tally.failed == 0));
    }

    heading(
        "Checking",
        "manifests, lesson files and the known-wrong corpus's files",
    );
    check_structure(&corpora, &mut tally);

    heading(
        "Checking",
        "that starters and module lists are derived from solutions and manifests",
    );
    check_sync(course, &mut tally)?;

    let all = course.select(None)?;
    heading("Grading", "the reference solutions (every test must pass)");
    let solutions = grade::grade(course, &all, &Options::solutions(color))?;
    for exercise in &solutions.exercises {
        tally.record(
            exercise.status == Status::Passed,
            &format!("solution {} passes", exercise.exercise),
            failure_details(&solutions, &exercise.exercise).as_deref(),
        );
    }

    heading(
        "Grading",
        "the starters (each must fail a test of its own exercise)",
    );
    let starters = grade::grade(course, &all, &Options::starters(false, color))?;
    for exercise in &starters.exercises {
        let (fails, why) = match exercise.status {
            Status::Passed => (
                false,
                "every test passes without any work: a test must catch the starter".to_string(),
            ),
            Status::CompileError | Status::NotGraded => (
                false,
                format!(
                    "the starter does not compile:\n{}",
                    exercise.message.as_deref().unwrap_or("")
                ),
            ),
            status => (true, status.label().to_string()),
        };
        tally.record(
            fails,
            &format!("starter {} fails", exercise.exercise),
            Some(&why),
        );
    }

    let variants: Vec<&Variant> = corpora
        .iter()
        .flat_map(|(_, corpus)| &corpus.variants)
        .collect();
    check_corpus(course, &variants, &mut tally)?;

    heading(
        "Checking",
        &format!("the student edition (what `publish` writes, built in {SCRATCH_COPY}/)"),
    );
    check_student_edition(course, &mut tally)?;

    heading("Checking", "formatting and lints");
    check_rustfmt(course, &corpora, &mut tally)?;
    check_clippy(course, &mut tally)?;

    heading("Testing", "the runner itself");
    let self_test = cargo()
        .current_dir(&course.root)
        .args(["test", "--package", "xtask", "--quiet"])
        .output();
    match self_test {
        Ok(output) => tally.record(
            output.status.success(),
            "runner self-tests (`cargo test -p xtask`)",
            Some(&String::from_utf8_lossy(
                &[output.stdout, output.stderr].concat(),
            )),
        ),
        Err(e) => tally.record(false, "runner self-tests", Some(&e.to_string())),
    }

    println!("\n{} passed, {} failed", tally.passed, tally.failed);
    Ok(super::exit_code(tally.failed == 0))
}

fn heading(verb: &str, what: &str) {
    println!("\n{} {what}", style::green(&format!("{verb:>12}")));
}

fn check_structure(corpora: &[(&Lesson, Corpus)], tally: &mut Tally) {
    for (lesson, corpus) in corpora {
        let mut problems = Vec::new();
        let cargo_toml = std::fs::read_to_string(lesson.dir.join("Cargo.toml")).unwrap_or_default();
        if !cargo_toml.contains(&format!("name = \"{}\"", lesson.package())) {
            problems.push(format!(
                "Cargo.toml: the package must be named `{}`",
                lesson.package()
            ));
        }
        if !cargo_toml.contains("solutions = []") {
            problems.push("Cargo.toml: needs the feature `solutions = []`".to_string());
        }
        let text = std::fs::read_to_string(lesson.dir.join("README.md"));
        if text.is_err() {
            problems.push("README.md (the lesson text) is missing".to_string());
        }
        for exercise in lesson.exercises() {
            let name = exercise.name();
            if text
                .as_ref()
                .is_ok_and(|text| !text.contains(&format!("`{name}`")))
            {
                problems.push(format!("README.md does not mention exercise `{name}`"));
            }
            if exercise.entry.hints.is_empty() {
                problems.push(format!("exercise `{name}` has no hints"));
            }
            match std::fs::read_to_string(exercise.solution_file()) {
                Ok(solution) if !starter::has_regions(&solution) => {
                    problems.push(format!("solutions/{name}.rs has no `// begin solution` region: the starter would be the solution"));
                }
                Ok(solution) => {
                    // A flag on the reference solution would flag every student who solves it.
                    let file = format!("solutions/{name}.rs");
                    for flag in review::flags(&file, &solution, &exercise.entry.may_use) {
                        problems.push(format!(
                            "{}:{}: {}, which class grading flags for review: if exercise `{name}` needs it, name it in its `may_use` in lesson.toml (one of {})",
                            flag.file,
                            flag.line,
                            flag.what,
                            manifest::ALLOWANCES.join(", ")
                        ));
                    }
                }
                Err(_) => problems.push(format!("solutions/{name}.rs is missing")),
            }
            if !exercise.test_file().is_file() {
                problems.push(format!("tests/{name}.rs is missing"));
            }
        }
        for stray in stray_hidden_tests(lesson) {
            problems.push(format!(
                "tests/hidden/{stray} belongs to no exercise: hidden tests are named after their exercise"
            ));
        }
        problems.extend(corpus.problems.iter().map(|p| p.text.clone()));
        tally.record(
            problems.is_empty(),
            &format!("lesson {}", lesson.id),
            Some(&problems.join("\n")),
        );
    }
}

/// `verify --wrong [TARGET]`: the corpus of a lesson or an exercise, its files and its
/// variants; the problems of a lesson's `wrong/` as a whole only with the whole lesson.
fn check_corpus_only(
    course: &Course,
    corpora: &[(&Lesson, Corpus)],
    target: Option<&str>,
    tally: &mut Tally,
) -> Result<(), Error> {
    let selection = course.select(target)?;
    heading("Checking", "the known-wrong corpus's files");
    for (lesson, corpus) in corpora {
        let selected: Vec<&str> = selection
            .iter()
            .filter(|e| std::ptr::eq(e.lesson, *lesson))
            .map(|e| e.name())
            .collect();
        if selected.is_empty() {
            continue;
        }
        let whole_lesson = selected.len() == lesson.manifest.exercises.len();
        let problems: Vec<&str> = corpus
            .problems
            .iter()
            .filter(|p| match &p.exercise {
                Some(exercise) => selected.contains(&exercise.as_str()),
                None => whole_lesson,
            })
            .map(|p| p.text.as_str())
            .collect();
        let what = match selected.as_slice() {
            [exercise] if !whole_lesson => format!("lessons/{}/wrong/{exercise}", lesson.id),
            _ => format!("lessons/{}/wrong", lesson.id),
        };
        tally.record(
            problems.is_empty(),
            &format!("{what} is well-formed"),
            Some(&problems.join("\n")),
        );
    }
    let variants: Vec<&Variant> = corpora
        .iter()
        .flat_map(|(_, corpus)| &corpus.variants)
        .filter(|v| selection.iter().any(|e| e.name() == v.exercise))
        .collect();
    check_corpus(course, &variants, tally)
}

/// Grades every variant of the corpus as a student's file, and proves each mistake caught
/// with the expected status and first message, and each other solution passing.
fn check_corpus(course: &Course, variants: &[&Variant], tally: &mut Tally) -> Result<(), Error> {
    let (here, elsewhere): (Vec<&Variant>, Vec<&Variant>) =
        variants.iter().partition(|v| v.applies_here());
    let mistakes = here.iter().filter(|v| v.is_mistake()).count();
    let elsewhere = match elsewhere.len() {
        0 => String::new(),
        n => format!("; {n} meant for other systems are not graded here"),
    };
    heading(
        "Grading",
        &format!(
            "the known-wrong corpus ({mistakes} mistakes must be caught with the expected first message, {} other solutions must pass{elsewhere})",
            here.len() - mistakes
        ),
    );
    let reports = crate::corpus::grade_variants(
        course,
        &here,
        &course.root.join(SCRATCH_COPY),
        &course.root.join(SCRATCH_TARGET),
    )?;
    for (variant, report) in here.iter().zip(&reports) {
        match variant.judge(report) {
            Ok(verdict) => tally.record(true, &format!("{}: {verdict}", variant.name), None),
            Err(why) => tally.record(
                false,
                &format!("{} ({})", variant.name, variant.path),
                Some(&format!("{}\n{why}", variant.description)),
            ),
        }
    }
    Ok(())
}

/// Publishes the edition into the scratch copy and proves it usable: it matches its lock
/// file, and every starter compiles and fails its visible tests there.
fn check_student_edition(course: &Course, tally: &mut Tally) -> Result<(), Error> {
    let out = course.root.join(SCRATCH_COPY);
    Tree::student_edition(course)?.mirror(&out)?;
    let tampered: Vec<String> = Lock::check_edition(&out)
        .iter()
        .map(|t| t.to_string())
        .collect();
    tally.record(
        tampered.is_empty(),
        "the student edition matches its lock file",
        Some(&tampered.join("\n")),
    );
    let edition = Course::load(&out)?;
    let report = grade::grade(
        &edition,
        &edition.select(None)?,
        &Options::copy(course.root.join(SCRATCH_TARGET)),
    )?;
    let wrong: Vec<String> = report
        .exercises
        .iter()
        .filter(|e| {
            matches!(
                e.status,
                Status::Passed | Status::CompileError | Status::NotGraded
            )
        })
        .map(|e| format!("{}: {}", e.exercise, e.status.label()))
        .collect();
    tally.record(
        wrong.is_empty(),
        &format!(
            "all {} starters compile and fail in the student edition",
            report.exercises.len()
        ),
        Some(&wrong.join("\n")),
    );
    Ok(())
}

/// Files of `tests/hidden/` not named after an exercise of the lesson.
fn stray_hidden_tests(lesson: &crate::course::Lesson) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(lesson.dir.join("tests").join("hidden")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|file| {
            !lesson
                .exercises()
                .any(|e| *file == format!("{}.rs", e.name()))
        })
        .collect()
}

fn check_sync(course: &Course, tally: &mut Tally) -> Result<(), Error> {
    for (path, content) in derived_files(course)? {
        let in_sync = std::fs::read_to_string(&path).is_ok_and(|current| current == content);
        let why = "differs from what its sources derive: run `cargo xtask sync` (it backs up what it replaces)";
        tally.record(
            in_sync,
            &format!("{} in sync", course.relative(&path)),
            Some(why),
        );
    }
    Ok(())
}

fn failure_details(report: &Report, name: &str) -> Option<String> {
    let exercise = report.exercises.iter().find(|e| e.exercise == name)?;
    let mut lines: Vec<String> = exercise.message.iter().cloned().collect();
    for test in exercise.tests.iter().filter(|t| t.status != Status::Passed) {
        lines.push(format!(
            "test {} {}: {}",
            test.name,
            test.status.label(),
            test.message().unwrap_or_default()
        ));
    }
    Some(lines.join("\n"))
}

/// Runs a toolchain component, telling how to install it when it is missing.
fn component(
    course: &Course,
    mut command: Command,
    name: &str,
) -> Result<std::process::Output, Error> {
    command.current_dir(&course.root).output().map_err(|e| {
        Error::config(format!("cannot run {name}: {e}"))
            .help(format!("install it with `rustup component add {name}`"))
    })
}

fn check_rustfmt(
    course: &Course,
    corpora: &[(&Lesson, Corpus)],
    tally: &mut Tally,
) -> Result<(), Error> {
    let mut workspace = cargo();
    // rustfmt colours its diff even into a pipe: the tally prints it plain.
    workspace.args(["fmt", "--all", "--check", "--", "--color=never"]);
    let output = component(course, workspace, "rustfmt")?;
    let missing = String::from_utf8_lossy(&output.stderr).contains("not installed");
    if missing {
        return Err(Error::config("rustfmt is not installed")
            .help("install it with `rustup component add rustfmt`"));
    }
    tally.record(
        output.status.success(),
        "workspace is rustfmt-clean",
        Some(&String::from_utf8_lossy(&output.stdout)),
    );

    // The solutions are reached only through `cfg_attr(path)`, and the corpus through
    // nothing, which `cargo fmt` does not follow.
    let mut solutions = Command::new("rustfmt");
    solutions.args(["--check", "--color=never", "--edition", "2024"]);
    solutions.args(
        course
            .exercises()
            .map(|e| e.solution_file())
            .filter(|f| f.is_file()),
    );
    solutions.args(
        corpora
            .iter()
            .flat_map(|(_, corpus)| &corpus.variants)
            .map(|v| course.root.join(&v.path)),
    );
    let output = component(course, solutions, "rustfmt")?;
    tally.record(
        output.status.success(),
        "solutions and the corpus are rustfmt-clean",
        Some(&String::from_utf8_lossy(&output.stdout)),
    );
    Ok(())
}

fn check_clippy(course: &Course, tally: &mut Tally) -> Result<(), Error> {
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--quiet"]);
    for lesson in &course.lessons {
        clippy.args(["--features", &format!("{}/solutions", lesson.package())]);
    }
    clippy.args(["--", "-D", "warnings"]);
    let output = component(course, clippy, "clippy")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("no such command: `clippy`") || stderr.contains("not installed") {
        return Err(Error::config("clippy is not installed")
            .help("install it with `rustup component add clippy`"));
    }
    tally.record(
        output.status.success(),
        "solutions, tests and runner are clippy-clean (-D warnings)",
        Some(&stderr),
    );
    Ok(())
}
