// Parses every mapper's output without looking at its exit status: a mapper that failed
// printed nothing, which reads as "no words", so the failure goes unnoticed.
//
// expect: failed
// message: so longest_word should fail

use std::io::{self, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A word and its length in characters.
pub type WordLength = (String, usize);

/// The reduce step: the longer of two partial results; `first` on a tie.
pub fn merge(first: WordLength, second: WordLength) -> WordLength {
    if second.1 > first.1 { second } else { first }
}

/// Maps every text to its longest word in a child process (`mapper` with `args`), all at
/// once, then reduces the results in input order with [`merge`].
pub fn longest_word(
    mapper: &Path,
    args: &[&str],
    texts: &[&str],
) -> io::Result<Option<WordLength>> {
    let mut children = Vec::with_capacity(texts.len());
    for text in texts {
        let mut child = Command::new(mapper)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        match stdin.write_all(text.as_bytes()) {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => return Err(error),
            _ => {}
        }
        drop(stdin);
        children.push(child);
    }
    let outputs: Vec<_> = children.into_iter().map(Child::wait_with_output).collect();

    let mut longest = None;
    for output in outputs {
        let output = output?;
        if let Some(partial) = parse(&String::from_utf8_lossy(&output.stdout))? {
            longest = Some(match longest {
                None => partial,
                Some(so_far) => merge(so_far, partial),
            });
        }
    }
    Ok(longest)
}

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
