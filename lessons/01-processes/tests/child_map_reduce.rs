//! Exercise `child_map_reduce`: the lecture's MapReduce, mapped in child processes.

use std::path::Path;
use std::time::Duration;

use lesson_01_processes::child_map_reduce::{WordLength, longest_word, merge};
use pretty_assertions::assert_eq;
use shared::temp::TempDir;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// Far above what a correct solution needs, above the mappers' patience (3 s) when they
/// meet, and below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

/// The lecture's three partitions.
const TEXTS: [&str; 3] = [
    "Hello world",
    "This is VK workshop",
    "The longest word in here is abracadabra",
];

fn word(word: &str, length: usize) -> WordLength {
    (word.to_string(), length)
}

/// `longest_word` with the helper's `longest-word` mapper plus `extra` arguments, under a
/// watchdog.
fn map_reduce(extra: &[&str], texts: &[&'static str]) -> std::io::Result<Option<WordLength>> {
    let mut args = vec!["longest-word".to_string()];
    args.extend(extra.iter().map(|arg| arg.to_string()));
    let texts = texts.to_vec();
    within(
        LIMIT,
        "longest_word (a mapper never answers while its stdin is open: drop it once the \
         text is written)",
        move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            longest_word(Path::new(HELPER), &args, &texts)
        },
    )
}

#[test]
fn merge_keeps_the_longer_word() {
    assert_eq!(
        merge(word("Hello", 5), word("workshop", 8)),
        word("workshop", 8)
    );
    assert_eq!(
        merge(word("abracadabra", 11), word("workshop", 8)),
        word("abracadabra", 11)
    );
}

#[test]
fn merge_keeps_the_first_on_a_tie() {
    assert_eq!(
        merge(word("abc", 3), word("xyz", 3)),
        word("abc", 3),
        "on a tie `merge` keeps its first argument (the lecture's \
         `first if first[1] > second[1] else second` keeps the second one)"
    );
}

#[test]
fn finds_the_longest_word_of_the_lecture() {
    let longest = map_reduce(&[], &TEXTS).expect("longest_word should succeed");
    assert_eq!(longest, Some(word("abracadabra", 11)));
}

#[test]
fn a_tie_goes_to_the_earliest_text() {
    let longest =
        map_reduce(&[], &["one two", "six ten", "red"]).expect("longest_word should succeed");
    assert_eq!(
        longest,
        Some(word("one", 3)),
        "every word has 3 letters: the first word of the first text wins. Reduce the \
         results in the order of the texts, keeping the earlier one on a tie (careful: \
         `Iterator::max_by_key` returns the *last* of equal maxima)"
    );
}

#[test]
fn no_words_no_longest_word() {
    assert_eq!(map_reduce(&[], &[]).expect("no texts"), None, "no texts");
    assert_eq!(
        map_reduce(&[], &["", "  \n\t "]).expect("texts without words"),
        None,
        "texts without words: the mappers print nothing"
    );
}

#[test]
fn the_mappers_run_at_the_same_time() {
    // With `DIR 3`, each mapper reads its whole text, then waits until all 3 mappers
    // have theirs: only a map step that runs them all at once gets through.
    let dir = TempDir::new("lesson01-mappers");
    let longest =
        map_reduce(&[&dir.path().to_string_lossy(), "3"], &TEXTS).unwrap_or_else(|error| {
            panic!(
                "longest_word failed: {error}\n(start every mapper and write it its text \
                 before you wait for any result)"
            )
        });
    assert_eq!(longest, Some(word("abracadabra", 11)));
}

#[test]
fn a_failing_mapper_is_an_error() {
    let texts = TEXTS.to_vec();
    let outcome = within(LIMIT, "longest_word with a failing mapper", move || {
        longest_word(Path::new(HELPER), &["exit", "2"], &texts)
    });
    if let Ok(longest) = outcome {
        panic!("every mapper exits with code 2, so longest_word should fail; got Ok({longest:?})");
    }
}
