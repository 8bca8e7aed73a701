// Writes tokio::time::sleep(deadline) inside the select!, so a new timer starts on every
// turn of the loop: while lines keep coming, the deadline never fires.
//
// expect: failed
// message: re-created on every turn

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
        loop {
            let permit = tokio::select! {
                biased;
                () = tokio::time::sleep(deadline) => return Ok(Stop::Deadline),
                permit = self.output.reserve() => match permit {
                    Ok(permit) => permit,
                    Err(_closed) => return Ok(Stop::OutputClosed),
                },
            };
            let line = tokio::select! {
                biased;
                () = tokio::time::sleep(deadline) => return Ok(Stop::Deadline),
                line = self.lines.next_line() => line?,
            };
            match line {
                Some(line) => permit.send(line),
                None => return Ok(Stop::InputClosed),
            }
        }
    }
}
