//! `cargo xtask list`: every exercise with its status; with `--format json`, the
//! exercises alone, read from the course without building or running anything.

use super::check::colored_label;
use super::help::Help;
use super::{Format, GradeArgs, exit_code};
use crate::course::Course;
use crate::grade::{self, Options};
use crate::report::{ExerciseReport, Report, Status};
use crate::{error::Error, style};
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "List every exercise with its status",
    usage: &["[OPTIONS]"],
    arguments: &[],
    options: &[
        (
            "--format <FORMAT>",
            "human (grades first), or json (builds and runs nothing) [default: human]",
        ),
        (
            "--no-cache",
            "Run every test again, even those whose lesson did not change",
        ),
    ],
    examples: &[
        ("cargo xtask list", "Every exercise, graded now"),
        (
            "cargo xtask list --format json",
            "The exercises for an editor or a script, without grading",
        ),
    ],
};

pub fn run(course: &Course, args: GradeArgs) -> Result<ExitCode, Error> {
    if args.format == Format::Json {
        println!("{}", ungraded(course).to_json());
        return Ok(ExitCode::SUCCESS);
    }
    let selection = course.select(None)?;
    let report = grade::grade(course, &selection, &Options::starters(args.cache, false))?;
    let width = report
        .exercises
        .iter()
        .map(|e| e.exercise.len())
        .max()
        .unwrap_or(0)
        .max("EXERCISE".len());
    println!(
        "{}",
        style::bold(&format!(
            "{:<16} {:<width$} {:<14} TITLE",
            "LESSON", "EXERCISE", "STATUS"
        ))
    );
    for exercise in &report.exercises {
        // Pad before coloring: escape codes have no width on screen.
        let label = format!("{:<14}", exercise.status.label());
        let label = colored_label(exercise.status).replace(exercise.status.label(), &label);
        println!(
            "{:<16} {:<width$} {label} {}",
            exercise.lesson, exercise.exercise, exercise.title
        );
    }
    let solved = report
        .exercises
        .iter()
        .filter(|e| e.status == Status::Passed)
        .count();
    println!("\n{solved}/{} exercises solved", report.exercises.len());
    Ok(exit_code(report.all_passed()))
}

/// Every exercise as `check --format json` has it, but `not_graded`: editors and
/// scripts read the course from it, and reading must stay instant, so nothing is built
/// or run to learn the statuses.
fn ungraded(course: &Course) -> Report {
    let exercises = course
        .exercises()
        .map(|exercise| ExerciseReport {
            lesson: exercise.lesson.id.clone(),
            exercise: exercise.name().to_string(),
            title: exercise.entry.title.clone(),
            file: course.relative(&exercise.src_file()),
            line: None,
            status: Status::NotGraded,
            message: Some(format!(
                "not graded: `list` builds and runs nothing; `cargo xtask check {}` grades it",
                exercise.name()
            )),
            tests: Vec::new(),
        })
        .collect();
    Report::new(exercises)
}
