//! The commands, one file each, and the command line that picks one.

mod bench;
mod check;
mod grade;
mod help;
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
use crate::error::Error;
use help::Help;
use lexopt::prelude::*;
use std::ffi::OsString;
use std::process::ExitCode;

/// How `check` and `list` print their results.
#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    Human,
    Json,
}

/// A command: its name, its help, who it is for, and how it runs.
pub struct Command {
    pub name: &'static str,
    pub help: Help,
    pub audience: Audience,
    /// Whether it needs the reference solutions, which a student edition does not have.
    pub needs_solutions: bool,
    /// Parses the arguments after the command's name, then runs it.
    run: fn(&mut lexopt::Parser) -> Result<ExitCode, Error>,
}

/// Who a command is for: the overview lists the commands by audience.
#[derive(Clone, Copy, PartialEq)]
pub enum Audience {
    Students,
    Instructors,
}

impl Command {
    /// Whether the student edition's overview lists it: a students' command that works
    /// without the solutions.
    pub fn in_student_edition(&self) -> bool {
        self.audience == Audience::Students && !self.needs_solutions
    }
}

/// Every command, in the order the overview lists them. Arguments are parsed before
/// the course is looked for, so that a usage error is reported as one anywhere.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "check",
        help: check::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: |parser| {
            let args = GradeArgs::parse(parser, true)?;
            check::run(&Course::discover()?, args)
        },
    },
    Command {
        name: "list",
        help: list::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: |parser| {
            let args = GradeArgs::parse(parser, false)?;
            list::run(&Course::discover()?, args)
        },
    },
    Command {
        name: "hint",
        help: hint::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: |parser| {
            let name = exercise_arg(parser, "hint")?;
            hint::run(&Course::discover()?, &name)
        },
    },
    Command {
        name: "watch",
        help: watch::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: |parser| {
            no_more_args(parser)?;
            watch::run(&Course::discover()?)
        },
    },
    Command {
        name: "reset",
        help: reset::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: |parser| {
            let name = exercise_arg(parser, "reset")?;
            reset::run(&Course::discover()?, &name)
        },
    },
    Command {
        name: "solution",
        help: solution::HELP,
        audience: Audience::Students,
        needs_solutions: true,
        run: |parser| {
            let name = exercise_arg(parser, "solution")?;
            solution::run(&Course::discover()?, &name)
        },
    },
    Command {
        name: "help",
        help: help::HELP,
        audience: Audience::Students,
        needs_solutions: false,
        run: help::run,
    },
    Command {
        name: "verify",
        help: verify::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            let args = verify_args(parser)?;
            verify::run(&Course::discover()?, args)
        },
    },
    Command {
        name: "mutants",
        help: mutants::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            let target = optional_value(parser)?;
            mutants::run(&Course::discover()?, target.as_deref())
        },
    },
    Command {
        name: "sync",
        help: sync::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            no_more_args(parser)?;
            sync::run(&Course::discover()?)
        },
    },
    Command {
        name: "new",
        help: new::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            let what = new_args(parser)?;
            new::run(&Course::discover()?, what)
        },
    },
    Command {
        name: "publish",
        help: publish::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            let out = match parser.next()? {
                Some(Value(out)) => std::path::PathBuf::from(out),
                Some(other) => return Err(other.unexpected().into()),
                None => {
                    return Err(Error::usage("`publish` needs the directory to write to")
                        .help("cargo xtask publish OUT_DIR"));
                }
            };
            no_more_args(parser)?;
            publish::run(&Course::discover()?, &out)
        },
    },
    Command {
        name: "grade",
        help: grade::HELP,
        audience: Audience::Instructors,
        needs_solutions: true,
        run: |parser| {
            let args = grade::Args::parse(parser)?;
            grade::run(&Course::discover()?, args)
        },
    },
    Command {
        name: "bench",
        help: bench::HELP,
        audience: Audience::Instructors,
        needs_solutions: false,
        run: |parser| {
            let args = bench::Args::parse(parser)?;
            bench::run(&Course::discover()?, args)
        },
    },
];

fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// Runs the command the arguments name, or prints the help asked for.
pub fn run(args: Vec<OsString>) -> Result<ExitCode, Error> {
    let mut parser = lexopt::Parser::from_args(args);
    let name = match parser.next()? {
        None | Some(Short('h') | Long("help")) => {
            print!("{}", help::overview());
            return Ok(ExitCode::SUCCESS);
        }
        Some(Value(name)) => name.string()?,
        Some(other) => return Err(other.unexpected().into()),
    };
    let command = find(&name).ok_or_else(|| help::no_such_command(&name))?;
    let args: Vec<OsString> = parser.raw_args()?.collect();
    if asks_for_help(&args) {
        print!("{}", command.help.render(command.name));
        return Ok(ExitCode::SUCCESS);
    }
    (command.run)(&mut lexopt::Parser::from_args(args)).map_err(|e| e.in_command(command.name))
}

/// Whether `-h` or `--help` is among a command's arguments (before a `--`, after which
/// arguments are values): it wins over the rest, which need not even be valid.
fn asks_for_help(args: &[OsString]) -> bool {
    args.iter()
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "-h" || arg == "--help")
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

/// The one optional positional argument of a command (`mutants [TARGET]`).
fn optional_value(parser: &mut lexopt::Parser) -> Result<Option<String>, Error> {
    let value = match parser.next()? {
        Some(Value(value)) => Some(value.string()?),
        Some(other) => return Err(other.unexpected().into()),
        None => None,
    };
    no_more_args(parser)?;
    Ok(value)
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
