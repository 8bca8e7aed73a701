//! `cargo xtask`: the course runner. One module per concern, one file per command.
//!
//! The modules stand in layers: each uses only its own layer and those below (and
//! [`Error`], which all of them return). `tests/layers.rs` holds them to it.
//!
//! 1. Beneath all: `fields` (reading documents) and `style` (the terminal).
//! 2. The course and its grade, as data: `manifest`, `course` (lessons, exercises, the
//!    files of a copy), `state`, `report`.
//! 3. Building and running: `process`, `sandbox`, `cargo`, `runner`.
//! 4. Grading: `grade`, and `review` (lines of a student's file a person should read).
//! 5. What is made of grades and of the course: `gradebook` and `ci` (reports), `lock`,
//!    `starter` and `edition` (copies of the course), `corpus` (known-wrong variants,
//!    graded in such copies).
//! 6. `commands`, one file each.

mod cargo;
mod ci;
mod commands;
mod corpus;
mod course;
mod edition;
mod fields;
mod grade;
mod gradebook;
mod lock;
mod manifest;
mod process;
mod report;
mod review;
mod runner;
mod sandbox;
mod starter;
mod state;
mod style;
mod terminal;

use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = std::env::args_os().skip(1).collect();
    match take_color_option(args).and_then(commands::run) {
        Ok(code) => code,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    }
}

/// Takes `--color WHEN` (or `--color=WHEN`) out of `args` and sets the colour choice
/// with it: like cargo, every command accepts it, anywhere on the command line.
fn take_color_option(args: Vec<OsString>) -> Result<Vec<OsString>, Error> {
    let mut flag = None;
    let mut rest = Vec::with_capacity(args.len());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--color" {
            args.next().ok_or_else(|| {
                Error::usage("a value is required for `--color <WHEN>` but none was supplied")
            })?
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--color=")) {
            value.into()
        } else {
            rest.push(arg);
            continue;
        };
        flag = Some(value.to_string_lossy().parse()?);
    }
    style::init(flag);
    Ok(rest)
}

/// An error that ends the command: what is wrong, and how to fix it.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    help: Option<String>,
    /// The command that failed: a usage error without help of its own points at the
    /// command's help.
    command: Option<&'static str>,
}

#[derive(Debug, PartialEq)]
enum ErrorKind {
    /// The command line is wrong.
    Usage,
    /// The course or the toolchain is: a broken manifest, a missing component.
    Config,
    Interrupted,
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            message: message.into(),
            help: None,
            command: None,
        }
    }

    pub fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config,
            message: message.into(),
            help: None,
            command: None,
        }
    }

    pub fn interrupted() -> Error {
        Error {
            kind: ErrorKind::Interrupted,
            message: "interrupted".into(),
            help: None,
            command: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// Marks the error as `command`'s.
    pub fn in_command(mut self, command: &'static str) -> Error {
        self.command = Some(command);
        self
    }

    fn print(&self) {
        style::error(&self.message);
        if let Some(help) = &self.help {
            style::help(help);
        }
        if self.kind == ErrorKind::Usage && self.help.is_none() {
            match self.command {
                Some(command) => eprintln!("\nRun `cargo xtask {command} --help` for its usage."),
                None => eprintln!("\nRun `cargo xtask help` for the list of commands."),
            }
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self.kind {
            ErrorKind::Usage | ErrorKind::Config => ExitCode::from(2),
            ErrorKind::Interrupted => ExitCode::from(130),
        }
    }
}

/// The message and its help on one line, for a record (a gradebook's row).
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        match &self.help {
            Some(help) => write!(f, " ({help})"),
            None => Ok(()),
        }
    }
}

impl From<lexopt::Error> for Error {
    fn from(error: lexopt::Error) -> Error {
        Error::usage(error.to_string())
    }
}
