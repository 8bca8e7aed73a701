//! Exercise `child_map_reduce`: the lecture's MapReduce, mapped in child processes.
//!
//! A test also checks that every mapper was waited for when `longest_word` returned, even
//! after a failure: the mappers `register` in a directory when they start and when they
//! finish, so one that had not finished was left running; on Unix, one that finished but
//! is still there is a zombie.

use std::io;
use std::path::Path;
use std::time::Duration;

use lesson_01_processes::child_map_reduce::{WordLength, longest_word, merge};
use pretty_assertions::assert_eq;
use shared::children::Registry;
use shared::temp::TempDir;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// For a few short texts: a correct solution needs milliseconds.
const QUICK: Duration = Duration::from_secs(1);

/// Above the mappers' patience (1 s) when they meet, and below the runner's per-test limit.
const MEETING: Duration = Duration::from_secs(3);

/// The lecture's three partitions.
const TEXTS: [&str; 3] = [
    "Hello world",
    "This is VK workshop",
    "The longest word in here is abracadabra",
];

fn word(word: &str, length: usize) -> WordLength {
    (word.to_string(), length)
}

/// `longest_word(helper, args, texts)` under a watchdog of `limit`.
fn map_with(
    limit: Duration,
    what: &str,
    args: &[&str],
    texts: Vec<String>,
) -> io::Result<Option<WordLength>> {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    within(limit, what, move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        longest_word(Path::new(HELPER), &args, &texts)
    })
}

/// `longest_word` with the helper's `longest-word` mapper plus `extra` arguments, under a
/// watchdog.
fn map_reduce(extra: &[&str], texts: &[&str]) -> io::Result<Option<WordLength>> {
    let args = [&["longest-word"], extra].concat();
    let (limit, what) = if extra.is_empty() {
        (
            QUICK,
            "longest_word on a few short texts (a mapper answers only once its text has \
             ended: was its stdin never closed? Drop the stdin handle once the text is \
             written)",
        )
    } else {
        (MEETING, "longest_word with mappers that meet")
    };
    let texts = texts.iter().map(|text| text.to_string()).collect();
    map_with(limit, what, &args, texts)
}

/// A text longer than a pipe buffer: writing it to a mapper that has already exited
/// without reading it fails with a broken pipe.
fn long_text() -> String {
    "lorem ipsum dolor sit amet ".repeat(10_000)
}

#[graded::test]
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

#[graded::test]
fn merge_keeps_the_first_on_a_tie() {
    assert_eq!(
        merge(word("abc", 3), word("xyz", 3)),
        word("abc", 3),
        "on a tie `merge` keeps its first argument (the lecture's \
         `first if first[1] > second[1] else second` keeps the second one)"
    );
}

#[graded::test]
fn finds_the_longest_word_of_the_lecture() {
    let longest = map_reduce(&[], &TEXTS).expect("longest_word should succeed");
    assert_eq!(longest, Some(word("abracadabra", 11)));
}

#[graded::test]
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

#[graded::test]
fn no_words_no_longest_word() {
    assert_eq!(map_reduce(&[], &[]).expect("no texts"), None, "no texts");
    assert_eq!(
        map_reduce(&[], &["", "  \n\t "]).expect("texts without words"),
        None,
        "texts without words: the mappers print nothing"
    );
}

#[graded::test]
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

#[graded::test]
fn a_failing_mapper_is_an_error() {
    let texts = TEXTS.to_vec();
    let outcome = within(QUICK, "longest_word with a failing mapper", move || {
        longest_word(Path::new(HELPER), &["exit", "2"], &texts)
    });
    if let Ok(longest) = outcome {
        panic!("every mapper exits with code 2, so longest_word should fail; got Ok({longest:?})");
    }
}

#[graded::test]
fn a_mapper_that_fails_before_reading_is_reported_with_its_stderr() {
    // `exit 3` says "exiting with 3" on stderr and exits without reading its text: writing
    // a text longer than a pipe buffer to it fails with a broken pipe.
    let outcome = map_with(
        QUICK,
        "longest_word with mappers that fail before reading",
        &["exit", "3"],
        vec![long_text()],
    );
    match outcome {
        Ok(longest) => {
            panic!("the mapper exits with code 3, so longest_word should fail; got Ok({longest:?})")
        }
        Err(error) => assert!(
            error.to_string().contains("exiting with 3"),
            "the error should say why the mapper failed: its exit status and what it wrote to \
             its stderr (\"exiting with 3\"); got: {error}{}",
            if error.kind() == io::ErrorKind::BrokenPipe {
                "\nA broken pipe only says that the mapper stopped reading: it exited before \
                 reading its text. When writing fails with `ErrorKind::BrokenPipe`, go on: \
                 close its stdin, wait for the mapper, and report its status and stderr"
            } else {
                ""
            }
        ),
    }
}

#[graded::test]
fn a_failing_mapper_leaves_no_mapper_behind() {
    // The first mapper fails at once, without reading its (long) text: writing it fails
    // with a broken pipe. The others take a moment: they are still running if
    // `longest_word` returns at once.
    let registry = Registry::new();
    let dir = registry.path().to_string_lossy().into_owned();
    let texts = vec![
        format!("fail\n{}", long_text()),
        "one two".to_string(),
        "three four".to_string(),
    ];
    let outcome = map_with(
        QUICK,
        "longest_word with a failing mapper",
        &["register", &dir, "slow-longest-word", "200"],
        texts,
    );
    let left = registry.left_behind(3);
    assert!(
        left.is_empty(),
        "longest_word returned ({}) while {} of the mappers it started were left behind: \
         {} still running, {} zombies (dead, but never waited for). Wait for every mapper \
         before you return, even when one has failed: a failed write (a broken pipe) or a \
         failed status must not skip waiting for the others",
        match &outcome {
            Ok(_) => "Ok".to_string(),
            Err(error) => format!("Err: {error}"),
        },
        left.len(),
        left.running.len(),
        left.zombies.len()
    );
}
