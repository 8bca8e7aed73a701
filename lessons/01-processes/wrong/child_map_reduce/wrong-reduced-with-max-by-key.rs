// Writes `merge` right, but reduces with `Iterator::max_by_key` on the length instead of
// folding with `merge`: of several equally long words, `max_by_key` returns the last.
//
// expect: failed
// message: `Iterator::max_by_key` returns the *last* of equal maxima

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

    let mut partials = Vec::with_capacity(outputs.len());
    for output in outputs {
        let output = output?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "a mapper failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        partials.extend(parse(&String::from_utf8_lossy(&output.stdout))?);
    }
    Ok(partials.into_iter().max_by_key(|(_, length)| *length))
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
