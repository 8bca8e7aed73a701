//! `cargo xtask`: the course runner. One module per concern, one file per command.
//!
//! The modules stand in layers: each uses only its own layer and those below.
//! `tests/layers.rs` holds them to it.
//!
//! 1. Beneath all: `fields` (reading documents), `style` (colours), `error` (what ends a
//!    command) and `terminal` (keys).
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
mod error;
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

use error::Error;
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
        flag = Some(value.to_string_lossy().parse().map_err(Error::usage)?);
    }
    style::init(flag);
    Ok(rest)
}
