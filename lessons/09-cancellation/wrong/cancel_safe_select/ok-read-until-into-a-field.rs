// Keeps the bytes of a half-read line in a field of the struct and appends to it with
// read_until, which keeps what it has read in the buffer when it is cancelled.

use std::io;
use std::time::Duration;

use tokio::io::AsyncRead;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

/// Why [`Relay::run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The input ended: every line was forwarded.
    InputClosed,
    /// The output's receiver is gone.
    OutputClosed,
    /// The deadline passed.
    Deadline,
}

/// Forwards the lines of `input` to `output`; keeps its place between calls of `run`.
#[derive(Debug)]
pub struct Relay<R> {
    input: BufReader<R>,
    partial: Vec<u8>,
    output: mpsc::Sender<String>,
}

impl<R: AsyncRead + Unpin> Relay<R> {
    /// A relay from `input` to `output`; nothing is read before `run`.
    pub fn new(input: R, output: mpsc::Sender<String>) -> Relay<R> {
        Relay {
            input: BufReader::new(input),
            partial: Vec::new(),
            output,
        }
    }

    /// Forwards lines until the input ends, the output closes or `deadline` has passed.
    pub async fn run(&mut self, deadline: Duration) -> io::Result<Stop> {
        let deadline = tokio::time::sleep(deadline);
        tokio::pin!(deadline);
        loop {
            let permit = tokio::select! {
                biased;
                () = &mut deadline => return Ok(Stop::Deadline),
                permit = self.output.reserve() => match permit {
                    Ok(permit) => permit,
                    Err(_closed) => return Ok(Stop::OutputClosed),
                },
            };
            tokio::select! {
                biased;
                () = &mut deadline => return Ok(Stop::Deadline),
                read = self.input.read_until(b'\n', &mut self.partial) => read?,
            };
            if self.partial.is_empty() {
                return Ok(Stop::InputClosed);
            }
            if self.partial.last() == Some(&b'\n') {
                self.partial.pop();
            }
            let bytes = std::mem::take(&mut self.partial);
            let line = String::from_utf8(bytes)
                .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
            permit.send(line);
        }
    }
}
