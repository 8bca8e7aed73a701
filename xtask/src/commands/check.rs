//! `cargo xtask check [TARGET]`: grade, show progress, and what to do next.

use super::help::Help;
use super::{Format, GradeArgs, exit_code};
use crate::course::Course;
use crate::grade::{self, Options};
use crate::lock::Lock;
use crate::report::{ExerciseReport, Integrity, Report, Status};
use crate::sandbox::Bubblewrap;
use crate::{ci, error::Error, style};
use std::path::PathBuf;
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Grade the course, a lesson or an exercise",
    usage: &["[OPTIONS] [TARGET]"],
    arguments: &[(
        "[TARGET]",
        "A lesson (`01`, `processes`, `01-processes`) or an exercise [default: the course]",
    )],
    options: &[
        (
            "--format <FORMAT>",
            "human, or json: one document, its schema in README.md [default: human]",
        ),
        (
            "--no-cache",
            "Run every test again, even those whose lesson did not change",
        ),
        (
            "--ci",
            "Grade as CI does: from scratch, with the tamper check and report files",
        ),
        (
            "--lock <FILE>",
            "With --ci: compare with this published lock file, not .course/lock.json",
        ),
    ],
    examples: &[
        ("cargo xtask check", "Grade everything; say what to do next"),
        ("cargo xtask check 02", "Grade lesson 02 only"),
        (
            "cargo xtask check run_helper --format json",
            "One exercise, as JSON",
        ),
    ],
};

pub fn run(course: &Course, args: GradeArgs) -> Result<ExitCode, Error> {
    if args.ci {
        return run_ci(course, args);
    }
    let selection = course.select(args.target.as_deref())?;
    let color = args.format == Format::Human && style::color_enabled();
    let report = grade::grade(course, &selection, &Options::starters(args.cache, color))?;
    match args.format {
        Format::Json => println!("{}", report.to_json()),
        Format::Human => print_report(course, &report),
    }
    Ok(exit_code(report.all_passed()))
}

/// `check --ci`: compared with the lock file (the one the course published, with `--lock`,
/// else the edition's own) before any student code runs, so that code cannot restore what
/// it changed; then graded from scratch, in the sandbox where there is one (Linux with
/// bubblewrap); reports written to `target/course-report/`, and
/// published to GitHub Actions when run there, with workflow commands paused while student
/// output is printed.
fn run_ci(course: &Course, args: GradeArgs) -> Result<ExitCode, Error> {
    let paused = ci::github::in_actions().then(ci::github::CommandsPaused::start);
    let selection = course.select(args.target.as_deref())?;
    let integrity = match &args.lock {
        Some(published) => Some(Lock::check_published(published, &course.root)?),
        None => course
            .is_edition()
            .then(|| Lock::check_edition(&course.root)),
    };
    let mut options = Options::starters(false, false);
    if let Ok(bubblewrap) = Bubblewrap::detect() {
        // The sandbox hides the job's other processes (their environment holds the step
        // output's path) and the network from student code.
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| course.root.join("target"), PathBuf::from);
        std::fs::create_dir_all(&target)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", target.display())))?;
        options.sandbox = Some(bubblewrap.confine(&course.root, &target));
        options.target_dir = Some(target);
    }
    let mut report = grade::grade(course, &selection, &options)?;
    report.integrity = integrity.map(Integrity::of);
    match args.format {
        Format::Json => println!("{}", report.to_json()),
        Format::Human => {
            print_report(course, &report);
            print_integrity(&report);
        }
    }
    let dir = course.root.join(ci::REPORT_DIR);
    ci::write_reports(&report, &dir)?;
    if args.format == Format::Human {
        style::status(
            "Wrote",
            &format!(
                "{} (JSON, JUnit, Classroom, summary)",
                course.relative(&dir)
            ),
        );
    }
    if let Some(paused) = paused {
        paused.resume();
        ci::publish_to_actions(&report)?;
    }
    Ok(exit_code(report.all_passed() && report.trusted()))
}

fn print_integrity(report: &Report) {
    let Some(integrity) = report.integrity.as_ref().filter(|i| !i.trusted) else {
        return;
    };
    println!(
        "\n{} the score is untrusted: files that grading depends on differ from the published course",
        style::red("error:")
    );
    for tampered in &integrity.tampered {
        println!("  {tampered}");
    }
    println!(
        "\n{} restore them with `git checkout upstream/main -- PATH` (or undo your change)",
        style::cyan("help:")
    );
}

/// Lessons with their solved counts, a progress bar, then the next exercise to do.
pub fn print_report(course: &Course, report: &Report) {
    println!();
    for lesson in &course.lessons {
        let exercises: Vec<&ExerciseReport> = report
            .exercises
            .iter()
            .filter(|e| e.lesson == lesson.id)
            .collect();
        if exercises.is_empty() {
            continue;
        }
        let solved = exercises
            .iter()
            .filter(|e| e.status == Status::Passed)
            .count();
        let marks: String = exercises.iter().map(|e| mark(e.status)).collect();
        // Padded by hand: the marks may carry colour escapes, which `{:<12}` would count.
        let padding = " ".repeat(12usize.saturating_sub(exercises.len()));
        let count = format!("{solved}/{}", exercises.len());
        let count = if solved == exercises.len() {
            style::green(&count)
        } else {
            count
        };
        let why = not_compiling(&exercises)
            .map(|culprits| {
                style::yellow(&format!(
                    "  does not compile ({}): exercises marked ? are not graded",
                    culprits.join(", ")
                ))
            })
            .unwrap_or_default();
        println!("  {:<24} {marks}{padding} {count}{why}", lesson.id);
    }
    let Report { summary, .. } = report;
    println!(
        "\n  {} {}/{} exercises solved\n",
        progress_bar(summary.passed, summary.total),
        summary.passed,
        summary.total
    );
    match report.exercises.iter().find(|e| e.status != Status::Passed) {
        Some(next) => print_next(course, next),
        None => println!("{}", all_pass(course, report)),
    }
}

fn mark(status: Status) -> String {
    match status {
        Status::Passed => style::green("✔"),
        Status::NotStarted => style::dim("·"),
        Status::NotGraded => style::yellow("?"),
        _ => style::red("✘"),
    }
}

/// The exercises whose compile errors stop their lesson from building, if the lesson's
/// other exercises were left ungraded because of them.
fn not_compiling<'r>(exercises: &[&'r ExerciseReport]) -> Option<Vec<&'r str>> {
    if !exercises.iter().any(|e| e.status == Status::NotGraded) {
        return None;
    }
    let culprits: Vec<&str> = exercises
        .iter()
        .filter(|e| e.status == Status::CompileError)
        .map(|e| e.exercise.as_str())
        .collect();
    Some(if culprits.is_empty() {
        vec!["see below"]
    } else {
        culprits
    })
}

/// What passing means for what was selected: one exercise, a lesson, or the course.
/// Never praise: a score that is untrusted (its tests differ from the course's).
fn all_pass(course: &Course, report: &Report) -> String {
    let count = report.exercises.len();
    let whole_course = count == course.exercises().count();
    let mut lessons: Vec<&str> = report.exercises.iter().map(|e| e.lesson.as_str()).collect();
    lessons.dedup();
    let whole_lesson = |id: &str| {
        course
            .lessons
            .iter()
            .find(|l| l.id == id)
            .is_some_and(|l| l.exercises().count() == count)
    };
    let selected = match (count, lessons.as_slice()) {
        (1, _) => format!("Exercise {} passes", report.exercises[0].exercise),
        (_, [lesson]) if whole_lesson(lesson) => {
            format!("All {count} exercises of {lesson} pass")
        }
        _ if whole_course => format!("All {count} exercises of the course pass"),
        _ => format!("All {count} selected exercises pass"),
    };
    if !report.trusted() {
        style::yellow(&format!(
            "{selected}, but the score is untrusted (see below)."
        ))
    } else if whole_course {
        style::green(&format!("{selected}. Well done!"))
    } else {
        style::green(&format!("{selected}."))
    }
}

fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 40;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        style::green(&"#".repeat(filled)),
        "-".repeat(WIDTH - filled)
    )
}

/// The next unsolved exercise: where it is, what it asks, why it fails.
fn print_next(course: &Course, next: &ExerciseReport) {
    println!(
        "{} {} — {}",
        style::bold("Next:"),
        style::bold(&next.exercise),
        next.title
    );
    match next.line {
        Some(line) => println!("  {} {}:{line}", style::cyan("-->"), next.file),
        None => println!("  {} {}", style::cyan("-->"), next.file),
    }
    if let Some((test, location)) = next.failing_test_location() {
        println!("   {} test {test} fails at {location}", style::cyan("="));
    }
    if let Some(task) = task_summary(&course.root.join(&next.file)) {
        println!("\n{}", indent(&task, 2));
    }
    print_findings(next);
    let has_hints = course
        .exercise(&next.exercise)
        .is_ok_and(|e| !e.entry.hints.is_empty());
    if has_hints {
        println!(
            "\n  {} cargo xtask hint {}",
            style::cyan("hint:"),
            next.exercise
        );
    }
}

/// Every failing test's message, each text once: the tests' own words, in the order the
/// tests are written, before the runner's notes.
fn print_findings(exercise: &ExerciseReport) {
    let mut shown_test: Option<&str> = None;
    for finding in exercise.findings() {
        match finding.tests.first() {
            None => println!("\n  {}", colored_label(exercise.status)),
            Some(test) if shown_test != Some(test.name.as_str()) => println!(
                "\n  test {}: {}",
                style::bold(&test.name),
                colored_label(test.status)
            ),
            Some(_) => println!(),
        }
        println!("{}", indent(finding.text, 4));
        if let [_, others @ ..] = finding.tests.as_slice()
            && !others.is_empty()
        {
            let names: Vec<&str> = others.iter().map(|t| t.name.as_str()).collect();
            println!(
                "    {}",
                style::dim(&format!("(also in {})", names.join(", ")))
            );
        }
        shown_test = finding.tests.first().map(|t| t.name.as_str());
    }
}

pub fn colored_label(status: Status) -> String {
    match status {
        Status::Passed => style::green(status.label()),
        Status::NotStarted | Status::NotGraded => style::yellow(status.label()),
        _ => style::red(status.label()),
    }
}

/// The first paragraph of the task statement, the `//!` comment atop the exercise file
/// (its `# Title` heading aside), with rustdoc's link brackets removed.
fn task_summary(file: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let paragraph: Vec<&str> = text
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(str::trim)
        .skip_while(|line| line.is_empty() || line.starts_with('#'))
        .take_while(|line| !line.is_empty())
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join("\n").replace("[`", "`").replace("`]", "`"))
}

fn indent(text: &str, width: usize) -> String {
    text.lines()
        .map(|line| format!("{:width$}{line}", ""))
        .collect::<Vec<_>>()
        .join("\n")
}
