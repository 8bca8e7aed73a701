// Reads with read_line into a String made inside run: when run stops in the middle of a
// line, the part already read goes with the String.
//
// expect: failed
// message: the first part of the line was thrown away

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
    output: mpsc::Sender<String>,
}

impl<R: AsyncRead + Unpin> Relay<R> {
    /// A relay from `input` to `output`; nothing is read before `run`.
    pub fn new(input: R, output: mpsc::Sender<String>) -> Relay<R> {
        Relay {
            input: BufReader::new(input),
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
            let mut line = String::new();
            let read = tokio::select! {
                biased;
                () = &mut deadline => return Ok(Stop::Deadline),
                read = self.input.read_line(&mut line) => read?,
            };
            if read == 0 {
                return Ok(Stop::InputClosed);
            }
            if line.ends_with('\n') {
                line.pop();
            }
            permit.send(line);
        }
    }
}
