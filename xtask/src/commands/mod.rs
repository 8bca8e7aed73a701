//! The commands, one file each, and the command line that picks one.

mod bench;
mod check;
mod grade;
mod hint;
mod list;
mod mutants;
mod new;
mod publish;
mod reset;
mod solution;
mod sync;
mod verify;
mod watch;

use crate::course::Course;
use crate::{Error, HELP};
use lexopt::prelude::*;
use std::ffi::OsString;
use std::process::ExitCode;

/// How `check` and `list` print their results.
#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: Vec<OsString>) -> Result<ExitCode, Error> {
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next()? {
        None | Some(Short('h') | Long("help")) => {
            println!("{HELP}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(Value(command)) => command.string()?,
        Some(other) => return Err(other.unexpected().into()),
    };
    match command.as_str() {
        "check" => {
            let options = GradeArgs::parse(&mut parser, true)?;
            check::run(&Course::discover()?, options)
        }
        "list" => {
            let options = GradeArgs::parse(&mut parser, false)?;
            list::run(&Course::discover()?, options)
        }
        "hint" => hint::run(&Course::discover()?, &exercise_arg(&mut parser, "hint")?),
        "watch" => {
            no_more_args(&mut parser)?;
            watch::run(&Course::discover()?)
        }
        "reset" => reset::run(&Course::discover()?, &exercise_arg(&mut parser, "reset")?),
        "solution" => solution::run(
            &Course::discover()?,
            &exercise_arg(&mut parser, "solution")?,
        ),
        "verify" => verify::run(&Course::discover()?, verify_args(&mut parser)?),
        "sync" => {
            no_more_args(&mut parser)?;
            sync::run(&Course::discover()?)
        }
        "bench" => bench::run(&Course::discover()?, bench::Args::parse(&mut parser)?),
        "new" => new::run(&Course::discover()?, new_args(&mut parser)?),
        "publish" => {
            let out = match parser.next()? {
                Some(Value(out)) => std::path::PathBuf::from(out),
                Some(other) => return Err(other.unexpected().into()),
                None => {
                    return Err(Error::usage("`publish` needs the directory to write to")
                        .help("cargo xtask publish OUT_DIR"));
                }
            };
            no_more_args(&mut parser)?;
            publish::run(&Course::discover()?, &out)
        }
        "mutants" => {
            let target = match parser.next()? {
                Some(Value(target)) => Some(target.string()?),
                Some(other) => return Err(other.unexpected().into()),
                None => None,
            };
            no_more_args(&mut parser)?;
            mutants::run(&Course::discover()?, target.as_deref())
        }
        "grade" => grade::run(&Course::discover()?, grade::Args::parse(&mut parser)?),
        "help" => {
            println!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Error::usage(format!("no such command: `{other}`"))),
    }
}

pub struct GradeArgs {
    pub target: Option<String>,
    pub format: Format,
    pub cache: bool,
    /// `check --ci`: reports for CI, tamper check, GitHub Actions output.
    pub ci: bool,
    /// `check --ci --lock FILE`: the lock file the course published, to compare the
    /// checkout with instead of its own `.course/lock.json`.
    pub lock: Option<std::path::PathBuf>,
}

impl GradeArgs {
    fn parse(parser: &mut lexopt::Parser, takes_target: bool) -> Result<GradeArgs, Error> {
        let mut args = GradeArgs {
            target: None,
            format: Format::Human,
            cache: crate::grade::cache_allowed(),
            ci: false,
            lock: None,
        };
        while let Some(arg) = parser.next()? {
            match arg {
                Long("format") => {
                    args.format = match parser.value()?.string()?.as_str() {
                        "human" => Format::Human,
                        "json" => Format::Json,
                        other => {
                            return Err(Error::usage(format!(
                                "unknown format `{other}`: use `human` or `json`"
                            )));
                        }
                    }
                }
                Long("no-cache") => args.cache = false,
                Long("ci") if takes_target => args.ci = true,
                Long("lock") if takes_target => args.lock = Some(parser.value()?.into()),
                Value(target) if takes_target && args.target.is_none() => {
                    args.target = Some(target.string()?)
                }
                other => return Err(other.unexpected().into()),
            }
        }
        if args.lock.is_some() && !args.ci {
            return Err(Error::usage(
                "`--lock FILE` goes with `--ci`: it is what the CI tamper check compares with",
            ));
        }
        Ok(args)
    }
}

fn new_args(parser: &mut lexopt::Parser) -> Result<new::What, Error> {
    let usage = || {
        Error::usage("`new` makes a lesson or an exercise").help(
            "cargo xtask new lesson TOPIC [FIRST_EXERCISE]; cargo xtask new exercise LESSON NAME",
        )
    };
    let mut values = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(value) => values.push(value.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    let mut values = values.into_iter();
    match (
        values.next().as_deref(),
        values.next(),
        values.next(),
        values.next(),
    ) {
        (Some("lesson"), Some(topic), first_exercise, None) => Ok(new::What::Lesson {
            topic,
            first_exercise,
        }),
        (Some("exercise"), Some(lesson), Some(name), None) => {
            Ok(new::What::Exercise { lesson, name })
        }
        _ => Err(usage()),
    }
}

fn verify_args(parser: &mut lexopt::Parser) -> Result<verify::Args, Error> {
    let mut args = verify::Args {
        wrong: false,
        target: None,
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("wrong") => args.wrong = true,
            Value(target) if args.target.is_none() => args.target = Some(target.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    if args.target.is_some() && !args.wrong {
        return Err(Error::usage(
            "`verify` checks the whole course; only `verify --wrong` takes a lesson or an exercise",
        )
        .help("cargo xtask verify --wrong [LESSON|EXERCISE]"));
    }
    Ok(args)
}

fn exercise_arg(parser: &mut lexopt::Parser, command: &str) -> Result<String, Error> {
    let name = match parser.next()? {
        Some(Value(name)) => name.string()?,
        Some(other) => return Err(other.unexpected().into()),
        None => {
            return Err(
                Error::usage(format!("`{command}` needs an exercise name")).help(format!(
                    "cargo xtask {command} EXERCISE; `cargo xtask list` shows the names"
                )),
            );
        }
    };
    no_more_args(parser)?;
    Ok(name)
}

fn no_more_args(parser: &mut lexopt::Parser) -> Result<(), Error> {
    match parser.next()? {
        None => Ok(()),
        Some(other) => Err(other.unexpected().into()),
    }
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
