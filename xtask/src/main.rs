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

use std::process::ExitCode;

const HELP: &str = "\
The course runner: grades your exercises, shows hints, keeps you going.

Usage: cargo xtask <COMMAND>

Commands for students:
  check [TARGET]     Grade the course, a lesson (`01`, `processes`) or an exercise
  list               Every exercise with its status
  hint EXERCISE      Show the next hint of an exercise
  watch              Re-grade the exercise you are working on whenever you save a file
  reset EXERCISE     Restore the starter of an exercise (your file is backed up first)
  solution EXERCISE  Show the reference solution of an exercise you have solved

Commands for instructors:
  verify             Prove every solution passes, every starter and known mistake fails, all is in sync
  verify --wrong [TARGET]       Grade only the known-wrong corpus (of a lesson or an exercise)
  mutants [TARGET]   Mutation-test the reference solutions (needs cargo-mutants)
  sync               Derive starters and module lists from solutions and manifests
  new lesson TOPIC [EXERCISE]   Scaffold the next lesson, with a first exercise
  new exercise LESSON NAME      Scaffold an exercise in a lesson
  publish OUT_DIR    Write the student edition: no solutions, no hidden tests, a lock file
  grade STUDENT...   Grade students' checkouts against this course; write a gradebook
  bench              Measure grading speed against a raw `cargo test`

Options:
  check, list:  --format <human|json>   --no-cache (re-run every test)
  check:        --ci (from scratch; tamper check; reports in target/course-report/)
                --lock <FILE> (with --ci: compare with the lock file the course published)
  grade:        --out <DIR>   --jobs <N>   --merge (join gradebook.json files)
                --no-sandbox (trusted code only)   --build-timeout <SECONDS>
  bench:        --runs <N>   --cold (also time a first check in a fresh clone)
                --grade (also time class grading, with and without the sandbox)

Run from anywhere inside the course. See README.md for the lesson format and the JSON schema.";

fn main() -> ExitCode {
    match commands::run(std::env::args_os().skip(1).collect()) {
        Ok(code) => code,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    }
}

/// An error that ends the command: what is wrong, and how to fix it.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    help: Option<String>,
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
        }
    }

    pub fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config,
            message: message.into(),
            help: None,
        }
    }

    pub fn interrupted() -> Error {
        Error {
            kind: ErrorKind::Interrupted,
            message: "interrupted".into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    fn print(&self) {
        eprintln!("{} {}", style::red("error:"), self.message);
        if let Some(help) = &self.help {
            eprintln!("\n{} {help}", style::cyan("help:"));
        }
        if self.kind == ErrorKind::Usage && self.help.is_none() {
            eprintln!("\nRun `cargo xtask` for the list of commands.");
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
