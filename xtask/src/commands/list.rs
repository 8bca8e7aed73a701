//! `cargo xtask list`: every exercise with its status.

use super::check::colored_label;
use super::{Format, GradeArgs, exit_code};
use crate::course::Course;
use crate::grade::{self, Options};
use crate::report::Status;
use crate::{Error, style};
use std::process::ExitCode;

pub fn run(course: &Course, args: GradeArgs) -> Result<ExitCode, Error> {
    let selection = course.select(None)?;
    let report = grade::grade(course, &selection, &Options::starters(args.cache, false))?;
    if args.format == Format::Json {
        println!("{}", report.to_json());
        return Ok(exit_code(report.all_passed()));
    }
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
