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

/// A word and its length in characters.
pub type WordLength = (String, usize);

/// The reduce step: the longer of two partial results; `first` on a tie.
pub fn merge(first: WordLength, second: WordLength) -> WordLength {
    todo!("keep the longer word, and `first` on a tie")
}

/// Maps every text to its longest word in a child process (`mapper` with `args`), all at
/// once, then reduces the results in input order with [`merge`].
pub fn longest_word(
    mapper: &Path,
    args: &[&str],
    texts: &[&str],
) -> io::Result<Option<WordLength>> {
    todo!("start one mapper per text, feed them, then parse and merge in order")
}
