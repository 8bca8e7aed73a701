//! Exercise `run_helper`: run a program, collect its stdout and exit code.

use std::io;
use std::path::Path;

use lesson_01_processes::run_helper::{Finished, run};
use pretty_assertions::assert_eq;
use shared::panics::{catch_quietly, message};

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

fn helper() -> &'static Path {
    Path::new(HELPER)
}

/// `run(helper, args)`, which must succeed: an error says what probably went wrong.
fn run_ok(args: &[&str]) -> Finished {
    run(helper(), args).unwrap_or_else(|error| {
        if error.kind() == io::ErrorKind::NotFound {
            panic!(
                "`run` could not start the helper: {error}. Give `Command::new` the program \
                 path alone and each argument separately (`.args(args)`): a program name \
                 with the arguments joined to it names no program"
            )
        }
        panic!(
            "`run` returned an error, but the helper ran: {error}. Only a program that \
             cannot be started is an error; report how it ended in `Finished::code`, \
             whatever it is"
        )
    })
}

/// What an exit code of the helper that the test did not expect most likely means.
fn explain(code: Option<i32>) -> &'static str {
    match code {
        Some(127) => {
            "\nExit code 127 is a shell saying \"command not found\": the program and its \
             arguments went through a shell as one command line (`sh -c \"PROGRAM ARGS\"`), \
             which splits and expands them (and breaks on a path with a space). There is no \
             shell in between: `Command::new(program).args(args)`."
        }
        Some(64) => {
            "\nExit code 64 is the helper's usage error: it did not get its arguments one \
             by one (joined into one string with spaces, or not passed at all). Pass each \
             argument separately: `Command::new(program).args(args)`."
        }
        _ => "",
    }
}

#[graded::test]
fn collects_the_output_of_a_program() {
    let finished = run_ok(&["echo", "hello"]);
    assert_eq!(
        finished,
        Finished {
            stdout: "hello\n".to_string(),
            code: Some(0),
        },
        "`echo hello` prints `hello` and a newline, and exits with code 0{}",
        explain(finished.code)
    );
}

#[graded::test]
fn passes_every_argument_as_it_is() {
    let args = ["echo", "two words", "$HOME", "*", ""];
    let finished = run_ok(&args);
    assert_eq!(
        finished.stdout,
        "two words\n$HOME\n*\n\n",
        "`echo` prints each argument on a line of its own: every argument must reach the \
         program unchanged and separately (`Command::args`), not joined into one string, \
         not through a shell{}",
        explain(finished.code)
    );
}

#[graded::test]
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
         is not part of `stdout`), then exits with code 3{}",
        explain(finished.code)
    );
}

#[graded::test]
fn a_missing_program_is_an_error() {
    let missing = helper().with_file_name("no-such-program-anywhere");
    match run(&missing, &[]) {
        Err(error) => assert_eq!(
            error.kind(),
            io::ErrorKind::NotFound,
            "starting a program that does not exist fails with `NotFound`: pass that error on"
        ),
        Ok(finished) => {
            panic!(
                "a program that does not exist cannot have run, but `run` returned \
                 {finished:?}{}",
                explain(finished.code)
            )
        }
    }
}

#[cfg(unix)]
#[graded::test]
fn a_program_killed_by_a_signal_has_no_exit_code() {
    let finished = run_ok(&["abort"]);
    assert_eq!(
        finished.code,
        None,
        "`abort` is killed by a signal (SIGABRT), so it has no exit code: \
         `ExitStatus::code()` is `None`{}",
        explain(finished.code)
    );
}

#[graded::test]
fn output_that_is_not_utf8_is_decoded_lossily() {
    // "caf", then the Latin-1 byte of "é" (not UTF-8), a space, "€" in UTF-8, a newline.
    let args = ["bytes", "636166e920e282ac0a"];
    let finished = match catch_quietly(|| run(helper(), &args)) {
        Ok(Ok(finished)) => finished,
        Ok(Err(error)) => panic!(
            "`run` failed on output that is not valid UTF-8 ({error}): output is bytes, and \
             a program may print anything. Decode it lossily, as the statement says \
             (`String::from_utf8_lossy`: what is not UTF-8 becomes `\u{fffd}`), instead of \
             failing (`String::from_utf8(...)?`)"
        ),
        Err(payload) => {
            let panic = message(payload.as_ref());
            if panic.starts_with("not yet implemented") {
                panic!("{panic}");
            }
            panic!(
                "`run` panicked on output that is not valid UTF-8 ({panic}): output is \
                 bytes, and a program may print anything. Decode it lossily, as the \
                 statement says (`String::from_utf8_lossy`: what is not UTF-8 becomes \
                 `\u{fffd}`), instead of `String::from_utf8(...).unwrap()`"
            )
        }
    };
    assert_eq!(
        finished,
        Finished {
            stdout: "caf\u{fffd} \u{20ac}\n".to_string(),
            code: Some(0),
        },
        "the helper printed the bytes `caf`, 0xE9 (not UTF-8 alone), ` `, `€` in UTF-8 \
         (E2 82 AC) and a newline: the invalid byte becomes `\u{fffd}`, the rest is decoded \
         as UTF-8 (`String::from_utf8_lossy`)"
    );
}
