//! `cargo xtask hint EXERCISE`: one more hint each time, the earlier ones repeated.

use super::help::Help;
use crate::course::Course;
use crate::state::State;
use crate::{error::Error, style};
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Show the next hint of an exercise",
    usage: &["[OPTIONS] <EXERCISE>"],
    arguments: &[(
        "<EXERCISE>",
        "An exercise name, as `cargo xtask list` shows it",
    )],
    options: &[],
    examples: &[(
        "cargo xtask hint run_helper",
        "One more hint each time, the earlier ones repeated",
    )],
};

pub fn run(course: &Course, name: &str) -> Result<ExitCode, Error> {
    let exercise = course.exercise(name)?;
    let hints = &exercise.entry.hints;
    if hints.is_empty() {
        println!(
            "{} has no hints yet: the lesson text is lessons/{}/README.md.",
            name, exercise.lesson.id
        );
        return Ok(ExitCode::SUCCESS);
    }
    let path = course.state_path();
    let mut state = State::load(&path);
    let shown = state.hints_shown.get(name).copied().unwrap_or(0);
    let now = (shown + 1).min(hints.len());
    println!("{} {}\n", style::bold(name), exercise.entry.title);
    for (index, hint) in hints[..now].iter().enumerate() {
        println!(
            "{} {hint}\n",
            style::cyan(&format!("Hint {}/{}:", index + 1, hints.len()))
        );
    }
    if now == hints.len() {
        println!(
            "{}",
            style::dim(&format!(
                "That is every hint. The lesson text has the rest: lessons/{}/README.md.",
                exercise.lesson.id
            ))
        );
    } else {
        println!(
            "{}",
            style::dim(&format!(
                "Run `cargo xtask hint {name}` again for the next hint."
            ))
        );
    }
    state.hints_shown.insert(name.to_string(), now);
    if let Err(e) = state.save(&path) {
        style::warn(&format!("cannot save {}: {e}", path.display()));
    }
    Ok(ExitCode::SUCCESS)
}
