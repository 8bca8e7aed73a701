//! Exercise `run_helper`: run a program, collect its stdout and exit code.

use std::io;
use std::path::Path;

use lesson_01_processes::run_helper::{Finished, run};
use pretty_assertions::assert_eq;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

fn helper() -> &'static Path {
    Path::new(HELPER)
}

#[test]
fn collects_the_output_of_a_program() {
    let finished = run(helper(), &["echo", "hello"]).expect("the helper should run");
    assert_eq!(
        finished,
        Finished {
            stdout: "hello\n".to_string(),
            code: Some(0),
        },
        "`echo hello` prints `hello` and a newline, and exits with code 0"
    );
}

#[test]
fn passes_every_argument_as_it_is() {
    let args = ["echo", "two words", "$HOME", "*", ""];
    let finished = run(helper(), &args).expect("the helper should run");
    assert_eq!(
        finished.stdout, "two words\n$HOME\n*\n\n",
        "`echo` prints each argument on a line of its own: every argument must reach the \
         program unchanged and separately (`Command::args`), not joined into one string, \
         not through a shell"
    );
}

#[test]
fn a_non_zero_exit_code_is_reported_not_an_error() {
    let finished = run(helper(), &["exit", "3", "partial result"]).unwrap_or_else(|error| {
        panic!(
            "a program that exits with code 3 ran fine: report the code in `Finished::code` \
             instead of returning an error (got: {error})"
        )
    });
    assert_eq!(
        finished,
        Finished {
            stdout: "partial result\n".to_string(),
            code: Some(3),
        },
        "`exit 3 \"partial result\"` prints its text on stdout (and a note on stderr, which \
         is not part of `stdout`), then exits with code 3"
    );
}

#[test]
fn a_missing_program_is_an_error() {
    let missing = helper().with_file_name("no-such-program-anywhere");
    match run(&missing, &[]) {
        Err(error) => assert_eq!(
            error.kind(),
            io::ErrorKind::NotFound,
            "starting a program that does not exist fails with `NotFound`: pass that error on"
        ),
        Ok(finished) => {
            panic!("a program that does not exist cannot have run, but `run` returned {finished:?}")
        }
    }
}

#[cfg(unix)]
#[test]
fn a_program_killed_by_a_signal_has_no_exit_code() {
    let finished = run(helper(), &["abort"]).expect("the helper should run");
    assert_eq!(
        finished.code, None,
        "`abort` is killed by a signal (SIGABRT), so it has no exit code: \
         `ExitStatus::code()` is `None`"
    );
}
