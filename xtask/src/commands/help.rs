//! `cargo xtask help [COMMAND]`, `cargo xtask COMMAND --help`: help in cargo's layout.
//!
//! Each command's help is a [`Help`] next to its code; the overview is derived from
//! them (the one-line summaries are the commands' `about`), so nothing is written twice.

use super::{Audience, COMMANDS, Command, no_more_args};
use crate::course::Course;
use crate::{error::Error, style};
use lexopt::prelude::*;
use std::process::ExitCode;

/// A command's help, as `cargo xtask NAME --help` prints it.
pub struct Help {
    /// What the command does, in one line: the overview lists it too.
    pub about: &'static str,
    /// What follows `cargo xtask NAME` on the usage line, one entry per form.
    pub usage: &'static [&'static str],
    /// Each positional argument and what it is.
    pub arguments: &'static [(&'static str, &'static str)],
    /// The command's own options; those of every command ([`GLOBAL_OPTIONS`]) follow.
    pub options: &'static [(&'static str, &'static str)],
    /// Real invocations, each with what it does.
    pub examples: &'static [(&'static str, &'static str)],
}

/// The options every command takes (`--color` is read before the command runs).
const GLOBAL_OPTIONS: [(&str, &str); 2] = [
    ("--color <WHEN>", "Coloring: auto, always, never"),
    ("-h, --help", "Print help"),
];

pub const HELP: Help = Help {
    about: "Print this overview, or the help of a command",
    usage: &["[OPTIONS] [COMMAND]"],
    arguments: &[("[COMMAND]", "The command to describe")],
    options: &[],
    examples: &[
        ("cargo xtask help", "The commands"),
        (
            "cargo xtask help check",
            "The same as `cargo xtask check --help`",
        ),
    ],
};

/// `cargo xtask help [COMMAND]`.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Error> {
    let name = match parser.next()? {
        Some(Value(name)) => name.string()?,
        Some(other) => return Err(other.unexpected().into()),
        None => {
            print!("{}", overview());
            return Ok(ExitCode::SUCCESS);
        }
    };
    no_more_args(parser)?;
    let command = super::find(&name).ok_or_else(|| no_such_command(&name))?;
    print!("{}", command.help.render(command.name));
    Ok(ExitCode::SUCCESS)
}

/// The error for a command name that is not one, naming those there are.
pub fn no_such_command(name: &str) -> Error {
    let names: Vec<&str> = listed_commands(in_edition()).map(|c| c.name).collect();
    Error::usage(format!("no such command: `{name}`")).help(format!(
        "the commands are {}; `cargo xtask help` describes them",
        names.join(", ")
    ))
}

/// Whether the current directory is in a student edition. Outside any course (or in one
/// that does not load) the answer is no: every command is listed then.
fn in_edition() -> bool {
    Course::discover().is_ok_and(|course| course.is_edition())
}

/// The commands the overview lists: in a student edition, only those that work there
/// for students.
fn listed_commands(edition: bool) -> impl Iterator<Item = &'static Command> {
    COMMANDS
        .iter()
        .filter(move |command| !edition || command.in_student_edition())
}

/// What `cargo xtask` prints alone: the commands by audience, with their summaries.
pub fn overview() -> String {
    let edition = in_edition();
    let mut out =
        String::from("The course runner: grades your exercises, shows hints, keeps you going.\n\n");
    out += &usage_line(&["cargo xtask [OPTIONS] <COMMAND>".to_string()]);
    let groups: &[(&str, Option<Audience>)] = if edition {
        &[("Commands:", None)]
    } else {
        &[
            ("Commands for students:", Some(Audience::Students)),
            ("Commands for instructors:", Some(Audience::Instructors)),
        ]
    };
    // One column for every group, as one list split in two.
    let width = listed_commands(edition)
        .map(|command| command.name.len())
        .max()
        .unwrap_or(0);
    for &(heading, audience) in groups {
        let rows: Vec<(String, &str)> = listed_commands(edition)
            .filter(|command| audience.is_none_or(|a| command.audience == a))
            .map(|command| (format!("{:<width$}", command.name), command.help.about))
            .collect();
        out += &section(heading, &rows);
    }
    out += &section("Options:", &options(&GLOBAL_OPTIONS));
    out += "\nRun from anywhere inside the course. See `cargo xtask help <COMMAND>` for more on a \
            command,\nREADME.md for the lesson format and the JSON schema.\n";
    if edition {
        out += &elsewhere();
    }
    out
}

/// The line that ends a student edition's overview: where its missing commands are.
fn elsewhere() -> String {
    let missing = |audience: Audience| -> Vec<&str> {
        COMMANDS
            .iter()
            .filter(|c| c.audience == audience && !c.in_student_edition())
            .map(|c| c.name)
            .collect()
    };
    let instructors = missing(Audience::Instructors).join(", ");
    let students: Vec<String> = missing(Audience::Students)
        .iter()
        .map(|name| format!("`{name}`"))
        .collect();
    let subject = if students.is_empty() {
        format!("The instructors' commands ({instructors})")
    } else {
        format!(
            "{} and the instructors' commands ({instructors})",
            students.join(", ")
        )
    };
    format!("\n{subject} run in the course repository, not in this edition.\n")
}

impl Help {
    /// The help of command `name`, in cargo's layout.
    pub fn render(&self, name: &str) -> String {
        let forms: Vec<String> = self
            .usage
            .iter()
            .map(|form| format!("cargo xtask {name} {form}"))
            .collect();
        let mut all_options = options(self.options);
        all_options.extend(options(&GLOBAL_OPTIONS));
        format!(
            "{}\n\n{}{}{}{}",
            self.about,
            usage_line(&forms),
            section("Arguments:", &rows(self.arguments)),
            section("Options:", &all_options),
            section("Examples:", &rows(self.examples)),
        )
    }
}

/// `Usage: FORM`, further forms aligned below the first.
fn usage_line(forms: &[String]) -> String {
    let mut out = style::green("Usage:");
    for (index, form) in forms.iter().enumerate() {
        let indent = if index == 0 { " " } else { "       " };
        // The literal part (`cargo xtask check`) is colored, as cargo colors it.
        let literal = form[..form.find(['[', '<']).unwrap_or(form.len())].trim_end();
        let rest = &form[literal.len()..];
        out += &format!("{indent}{}{rest}\n", style::cyan(literal));
    }
    out
}

fn rows(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    pairs
        .iter()
        .map(|&(left, right)| (left.to_string(), right))
        .collect()
}

/// Option rows, long-only options indented to line up with the long form of `-h, --help`.
fn options(options: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    let mut rows = rows(options);
    for (option, _) in &mut rows {
        if option.starts_with("--") {
            option.insert_str(0, "    ");
        }
    }
    rows
}

/// A heading and its two aligned columns; nothing when there are no rows.
fn section(heading: &str, rows: &[(String, &str)]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let width = rows.iter().map(|(left, _)| left.len()).max().unwrap_or(0);
    let mut out = format!("\n{}\n", style::green(heading));
    for (left, right) in rows {
        // Only the text is colored: escapes have no width on screen, spaces around
        // them keep the columns.
        let text = left.trim();
        let indent = &left[..left.len() - left.trim_start().len()];
        let padding = " ".repeat(width - indent.len() - text.len());
        out += &format!("  {indent}{}{padding}  {right}\n", style::cyan(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_name_and_a_help_that_starts_with_its_summary() {
        for (index, command) in COMMANDS.iter().enumerate() {
            assert!(
                COMMANDS[..index].iter().all(|c| c.name != command.name),
                "`{}` is there twice",
                command.name
            );
            let help = style::plain(&command.help.render(command.name));
            assert!(
                help.starts_with(&format!("{}\n\n", command.help.about)),
                "{help}"
            );
            assert!(!command.help.about.ends_with('.'), "{}", command.name);
            assert!(
                help.lines().all(|line| line.len() <= 100),
                "keep help lines within 100 columns:\n{help}"
            );
        }
    }

    #[test]
    fn columns_line_up() {
        let help = style::plain(&super::super::check::HELP.render("check"));
        let options: Vec<&str> = help
            .lines()
            .skip_while(|line| *line != "Options:")
            .skip(1)
            .take_while(|line| !line.is_empty())
            .collect();
        assert!(options.len() > 2, "{help}");
        // Where the option starts, and where its description does.
        let columns = |line: &str| {
            let option = line.len() - line.trim_start().len();
            let gap = option + line[option..].find("  ").expect("two columns");
            (
                option,
                gap + line[gap..].len() - line[gap..].trim_start().len(),
            )
        };
        let descriptions: Vec<usize> = options.iter().map(|line| columns(line).1).collect();
        assert!(descriptions.windows(2).all(|w| w[0] == w[1]), "{help}");
        assert!(
            options.iter().any(|l| l.starts_with("  -h, --help ")),
            "{help}"
        );
        for line in options
            .iter()
            .filter(|line| line.trim_start().starts_with("--"))
        {
            assert_eq!(
                columns(line).0,
                6,
                "a long option aligns with `--help`: {help}"
            );
        }
    }
}
