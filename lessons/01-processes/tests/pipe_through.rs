//! Exercise `pipe_through`: pipe data through a child without deadlocking on full pipes.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::pipe_through::pipe_through;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// A correct solution needs milliseconds; a deadlocked one never finishes.
const LIMIT: Duration = Duration::from_secs(5);

/// Pipes `input` through the helper's `upper` filter, under a watchdog.
fn upper(input: Vec<u8>, what: &str) -> std::io::Result<Vec<u8>> {
    within(LIMIT, what, move || {
        pipe_through(Path::new(HELPER), &["upper"], &input)
    })
}

#[test]
fn uppercases_a_line() {
    let output = upper(
        b"hello, pipes\n".to_vec(),
        "piping one line through `upper` (a child never exits while its stdin is open: \
         drop the stdin handle once the input is written)",
    )
    .expect("`upper` should succeed");
    assert_eq!(String::from_utf8_lossy(&output), "HELLO, PIPES\n");
}

#[test]
fn empty_input_gives_empty_output() {
    let output = upper(
        Vec::new(),
        "piping nothing through `upper` (a child never exits while its stdin is open: \
         drop the stdin handle once the input is written)",
    )
    .expect("`upper` should succeed");
    assert_eq!(String::from_utf8_lossy(&output), "");
}

#[test]
fn a_megabyte_does_not_deadlock() {
    let mut input = String::new();
    let mut line = 0;
    while input.len() < 1 << 20 {
        input.push_str(&format!(
            "line {line}: the quick brown fox jumps over the lazy dog\n"
        ));
        line += 1;
    }
    let expected = input.to_ascii_uppercase().into_bytes();
    let output = upper(
        input.into_bytes(),
        "piping 1 MiB through `upper` (if you write all the input before reading any \
         output, the child blocks on its full stdout pipe and you on its full stdin pipe: \
         write on one thread while you read on another)",
    )
    .expect("`upper` should succeed");
    if output != expected {
        let first_difference = output
            .iter()
            .zip(&expected)
            .position(|(got, want)| got != want)
            .unwrap_or(output.len().min(expected.len()));
        panic!(
            "the output should be the input in upper case: {} bytes expected, got {}, \
             first difference at byte {first_difference} (is all the output read, to the end?)",
            expected.len(),
            output.len()
        );
    }
}

#[test]
fn a_failing_child_is_an_error() {
    let outcome = within(LIMIT, "piping into a child that fails", || {
        pipe_through(Path::new(HELPER), &["exit", "1"], b"nobody reads this\n")
    });
    if let Ok(output) = outcome {
        panic!(
            "the child exited with code 1, so `pipe_through` should fail, but it returned \
             Ok({:?}): check the exit status",
            String::from_utf8_lossy(&output)
        );
    }
}
