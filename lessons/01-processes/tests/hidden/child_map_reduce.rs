//! Hidden tests of `child_map_reduce` (never published): texts the student has not seen,
//! so that an answer fitted to the lecture's texts fails.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::child_map_reduce::longest_word;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

#[graded::test]
fn finds_a_long_word_in_a_middle_text() {
    let texts = [
        "short words only",
        "a supercalifragilisticexpialidocious day",
        "tiny",
    ];
    let longest = within(Duration::from_secs(1), "longest_word", move || {
        longest_word(Path::new(HELPER), &["longest-word"], &texts)
    })
    .expect("longest_word should succeed");
    assert_eq!(
        longest,
        Some(("supercalifragilisticexpialidocious".to_string(), 34)),
        "the longest word of these texts is in the second one, and has 34 letters"
    );
}
