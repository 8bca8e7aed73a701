// Reads a line, then sends it inside a select! against the deadline: when the deadline
// wins while the channel is full, the line moved into send() is dropped with it.
//
// expect: failed
// message: send(line) inside select! drops the line

use std::io;
use std::time::Duration;

use tokio::io::AsyncRead;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
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
    lines: Lines<BufReader<R>>,
    output: mpsc::Sender<String>,
}

impl<R: AsyncRead + Unpin> Relay<R> {
    /// A relay from `input` to `output`; nothing is read before `run`.
    pub fn new(input: R, output: mpsc::Sender<String>) -> Relay<R> {
        Relay {
            lines: BufReader::new(input).lines(),
            output,
        }
    }

    /// Forwards lines until the input ends, the output closes or `deadline` has passed.
    pub async fn run(&mut self, deadline: Duration) -> io::Result<Stop> {
        let deadline = tokio::time::sleep(deadline);
        tokio::pin!(deadline);
        loop {
            let line = tokio::select! {
                () = &mut deadline => return Ok(Stop::Deadline),
                line = self.lines.next_line() => line?,
            };
            let Some(line) = line else {
                return Ok(Stop::InputClosed);
            };
            tokio::select! {
                () = &mut deadline => return Ok(Stop::Deadline),
                sent = self.output.send(line) => {
                    if sent.is_err() {
                        return Ok(Stop::OutputClosed);
                    }
                }
            }
        }
    }
}
