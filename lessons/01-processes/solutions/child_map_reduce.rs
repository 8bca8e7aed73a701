//! # MapReduce: the longest word, mapped in child processes
//!
//! The lecture's MapReduce example finds the longest word of some texts in two steps:
//! *map* each text (a partition) to its longest word and that word's length, then
//! *reduce* the partial results to one. Here each map step runs in a child process, all
//! of them at the same time, and the reduce step runs in the parent.
//!
//! The mapper is `mapper` run with `args`. It reads a text from its standard input until
//! the end and prints one line `WORD LENGTH` (for example `abracadabra 11`), or nothing
//! if the text has no words.
//!
//! 1. Write [`merge`], the reduce step: of two partial results keep the longer word; on
//!    a tie keep `first`.
//! 2. Write [`longest_word`]: start one mapper per text, all at once, write each its
//!    text and close its stdin; then collect the results *in the order of `texts`* and
//!    reduce them with `merge`. The tie rule is therefore: the word that comes first in
//!    the input wins. `None` if there are no words at all. A mapper that fails, or prints
//!    something that is not `WORD LENGTH`, makes `longest_word` fail.
//!
//! When a mapper fails, the error must say why: the mapper's exit status and what it wrote
//! to its stderr. That holds even for a mapper that exits before reading its text, where
//! writing the text fails with a broken pipe (`ErrorKind::BrokenPipe`), an error that only
//! says that nobody reads any more. And every mapper started must be waited for before
//! `longest_word` returns, on the error paths too.
//!
//! ```text
//! let texts = ["Hello world", "This is VK workshop", "The longest word in here is abracadabra"];
//! // the mappers print: "Hello 5", "workshop 8", "abracadabra 11"
//! longest_word(helper, &["longest-word"], &texts) == Ok(Some(("abracadabra".into(), 11)))
//! merge(("abc".into(), 3), ("xyz".into(), 3)) == ("abc".into(), 3)
//! ```
//!
//! (The lecture's `merge_words_len` keeps `second` on a tie, while its `max` keeps the
//! first longest word of a text: the two disagree. Here both keep the first.)
//!
//! The mapper reads all its input before it writes anything, so writing each text
//! completely before reading any result cannot deadlock here. As in `children_at_once`,
//! a test makes the mappers meet: each one, once it has its whole text, waits until all
//! the others have theirs, so feeding and waiting for them one at a time fails.

use std::io;
use std::path::Path;
// begin solution
use std::io::Write;
use std::process::{Child, Command, Stdio};
// starter:
// end solution

/// A word and its length in characters.
pub type WordLength = (String, usize);

/// The reduce step: the longer of two partial results; `first` on a tie.
pub fn merge(first: WordLength, second: WordLength) -> WordLength {
    // begin solution: keep the longer word, and `first` on a tie
    if second.1 > first.1 { second } else { first }
    // end solution
}

/// Maps every text to its longest word in a child process (`mapper` with `args`), all at
/// once, then reduces the results in input order with [`merge`].
pub fn longest_word(
    mapper: &Path,
    args: &[&str],
    texts: &[&str],
) -> io::Result<Option<WordLength>> {
    // begin solution: start one mapper per text, feed them, then parse and merge in order
    let mut children = Vec::with_capacity(texts.len());
    // An error that stops the map step; the mappers already started are waited for first.
    let mut failure = None;
    for text in texts {
        let spawned = Command::new(mapper)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(error) => {
                failure = Some(error);
                break;
            }
        };
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let written = stdin.write_all(text.as_bytes());
        drop(stdin); // the end of the text: the mapper can start working
        children.push(child);
        match written {
            // A mapper that exits without reading its text fails below, with its status
            // and its stderr: a broken pipe would only say that it stopped reading.
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                failure = Some(error);
                break;
            }
            _ => {}
        }
    }
    // Wait for every mapper, whatever happened: none is left behind.
    let outputs: Vec<_> = children.into_iter().map(Child::wait_with_output).collect();
    if let Some(error) = failure {
        return Err(error);
    }
    let mut longest = None;
    for output in outputs {
        let output = output?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "a mapper failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        if let Some(partial) = parse(&String::from_utf8_lossy(&output.stdout))? {
            longest = Some(match longest {
                None => partial,
                Some(so_far) => merge(so_far, partial),
            });
        }
    }
    Ok(longest)
    // end solution
}
// begin solution

/// Parses a mapper's output: `WORD LENGTH\n`, or nothing.
fn parse(line: &str) -> io::Result<Option<WordLength>> {
    let line = line.trim_end();
    if line.is_empty() {
        return Ok(None);
    }
    let bad = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("bad mapper output {line:?}"),
        )
    };
    let (word, length) = line.rsplit_once(' ').ok_or_else(bad)?;
    let length = length.parse().map_err(|_| bad())?;
    Ok(Some((word.to_owned(), length)))
}
// starter:
// end solution
