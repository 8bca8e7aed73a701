//! The error that ends a command: what is wrong, and how to fix it.

use crate::style;
use std::process::ExitCode;

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

    pub fn print(&self) {
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

    pub fn exit_code(&self) -> ExitCode {
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
