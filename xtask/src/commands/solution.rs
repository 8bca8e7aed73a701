//! `cargo xtask solution EXERCISE`: the reference solution, once the exercise passes.

use super::help::Help;
use crate::course::Course;
use crate::grade::{self, Options};
use crate::report::Status;
use crate::{error::Error, style};
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Show the reference solution of an exercise you have solved",
    usage: &["[OPTIONS] <EXERCISE>"],
    arguments: &[(
        "<EXERCISE>",
        "An exercise that passes (it is graded first); not in the student edition",
    )],
    options: &[],
    examples: &[(
        "cargo xtask solution run_helper",
        "Compare your run_helper with the reference",
    )],
};

pub fn run(course: &Course, name: &str) -> Result<ExitCode, Error> {
    let exercise = course.exercise(name)?;
    course.require_solutions("solution")?;
    let file = exercise.solution_file();
    if !file.is_file() {
        return Err(Error::config(format!(
            "this copy of the course has no reference solution for `{name}`"
        )));
    }
    let report = grade::grade(
        course,
        &[exercise],
        &Options::starters(grade::cache_allowed(), false),
    )?;
    if report.exercises[0].status != Status::Passed {
        style::error(&format!(
            "`{name}` does not pass yet ({}): the solution is shown once it does.",
            report.exercises[0].status.label()
        ));
        style::help(&format!(
            "cargo xtask check {name}; cargo xtask hint {name}"
        ));
        return Ok(ExitCode::FAILURE);
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
    println!(
        "{} {}\n",
        style::bold("Reference solution:"),
        course.relative(&file)
    );
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
