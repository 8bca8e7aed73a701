// One scoped thread per text starts its mapper, writes the text, closes stdin and waits
// for the output: the mappers run at the same time, each thread joins (waits) its own,
// and the threads are joined in text order. The reduce is a `try_fold` with `merge`.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread;

/// A word and its length in characters.
pub type WordLength = (String, usize);

/// The reduce step: the longer of two partial results; `first` on a tie.
pub fn merge(first: WordLength, second: WordLength) -> WordLength {
    match second.1.cmp(&first.1) {
        std::cmp::Ordering::Greater => second,
        _ => first,
    }
}

/// Maps every text to its longest word in a child process (`mapper` with `args`), all at
/// once, then reduces the results in input order with [`merge`].
pub fn longest_word(
    mapper: &Path,
    args: &[&str],
    texts: &[&str],
) -> io::Result<Option<WordLength>> {
    let outputs: Vec<io::Result<Output>> = thread::scope(|scope| {
        let threads: Vec<_> = texts
            .iter()
            .map(|text| scope.spawn(move || map_one(mapper, args, text)))
            .collect();
        threads
            .into_iter()
            .map(|thread| thread.join().expect("a mapper's thread panicked"))
            .collect()
    });
    outputs
        .into_iter()
        .map(|output| {
            let output = output?;
            if !output.status.success() {
                return Err(io::Error::other(format!(
                    "mapper exited with {}: {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                )));
            }
            let line = String::from_utf8_lossy(&output.stdout);
            let line = line.trim_end();
            if line.is_empty() {
                return Ok(None);
            }
            let parsed = line
                .rsplit_once(' ')
                .and_then(|(word, length)| Some((word.to_owned(), length.parse().ok()?)));
            parsed.map(Some).ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, format!("bad output {line:?}"))
            })
        })
        .try_fold(None, |longest, partial| {
            Ok(match (longest, partial?) {
                (Some(so_far), Some(partial)) => Some(merge(so_far, partial)),
                (so_far, partial) => so_far.or(partial),
            })
        })
}

/// Runs one mapper on `text` to the end; always waits for it once it is started.
fn map_one(mapper: &Path, args: &[&str], text: &str) -> io::Result<Output> {
    let mut child = Command::new(mapper)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes());
    let output = child.wait_with_output()?;
    match written {
        // The mapper stopped reading: its status and stderr say why.
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error),
        _ => Ok(output),
    }
}
