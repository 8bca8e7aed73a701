//! Exercise `pipe_through`: pipe data through a child without deadlocking on full pipes.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::pipe_through::pipe_through;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// A correct solution needs milliseconds, even for a megabyte; a deadlocked one never
/// finishes.
const LIMIT: Duration = Duration::from_secs(1);

/// The watchdog's explanation when a few bytes never come back.
const STDIN_LEFT_OPEN: &str = "(too few bytes to fill a pipe: the child is still waiting for \
    the end of its input, because its stdin was never closed. Take the stdin handle out of \
    the child (`child.stdin.take()`) and drop it once the input is written)";

/// Pipes `input` through the helper's `upper` filter, under a watchdog.
fn upper(input: Vec<u8>, what: &str) -> std::io::Result<Vec<u8>> {
    within(LIMIT, what, move || {
        pipe_through(Path::new(HELPER), &["upper"], &input)
    })
}

#[graded::test]
fn uppercases_a_line() {
    let output = upper(
        b"hello, pipes\n".to_vec(),
        &format!("piping one line through `upper` {STDIN_LEFT_OPEN}"),
    )
    .expect("`upper` should succeed");
    assert_eq!(String::from_utf8_lossy(&output), "HELLO, PIPES\n");
}

#[graded::test]
fn empty_input_gives_empty_output() {
    let output = upper(
        Vec::new(),
        &format!("piping nothing through `upper` {STDIN_LEFT_OPEN}"),
    )
    .expect("`upper` should succeed");
    assert_eq!(String::from_utf8_lossy(&output), "");
}

#[graded::test]
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

#[graded::test]
fn bytes_come_back_exactly_even_if_not_utf8() {
    // 48 kB of "€" (3 bytes each: almost any chunk boundary splits one), then bytes that
    // are not UTF-8 at all. Less than a pipe buffer: this test is not about deadlocks.
    let mut input = "€".repeat(16_000).into_bytes();
    input.extend_from_slice(b"\xff\xfe caf\xe9 \xc3( ok\n");
    let expected = input.to_ascii_uppercase();
    let output = match upper(
        input,
        &format!("piping 48 kB of bytes through `upper` {STDIN_LEFT_OPEN}"),
    ) {
        Ok(output) => output,
        Err(error) => panic!(
            "piping bytes that are not valid UTF-8 failed: {error}\n(`input` and the output \
             are bytes, not text: write `input` as it is and read the output with \
             `read_to_end` into a `Vec<u8>`, not `read_to_string` or `String::from_utf8`)"
        ),
    };
    if output != expected {
        let first_difference = output
            .iter()
            .zip(&expected)
            .position(|(got, want)| got != want)
            .unwrap_or(output.len().min(expected.len()));
        let replaced = output
            .windows(3)
            .any(|bytes| bytes == "\u{fffd}".as_bytes());
        panic!(
            "the output must be the child's bytes exactly: {} bytes expected, got {}, first \
             difference at byte {first_difference} ({:02x?} expected, got {:02x?}).{}",
            expected.len(),
            output.len(),
            &expected[first_difference..(first_difference + 4).min(expected.len())],
            &output[first_difference..(first_difference + 4).min(output.len())],
            if replaced {
                " The output holds `\u{fffd}` (EF BF BD), the replacement character: the \
                 bytes were decoded as text on the way (`from_utf8_lossy` on each chunk \
                 read breaks a character split between two reads, and replaces bytes that \
                 are not UTF-8). Keep them as bytes: collect every chunk into one `Vec<u8>` \
                 (`read_to_end`) and return it as it is"
            } else {
                " Return the bytes as the child wrote them, every one of them"
            }
        );
    }
}

#[graded::test]
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
