//! # A cancel-safe `select!` loop that loses no message
//!
//! `tokio::select!` polls several futures and, as soon as one completes, *drops the
//! others*. A future dropped halfway is cancelled, and whatever it held is gone: a
//! message moved into `sender.send(message)`, the first half of a line that
//! `read_line` had read into a local `String`. Tokio's documentation says of each method
//! whether it is *cancel safe* (dropping it loses nothing): `mpsc::Receiver::recv`,
//! `mpsc::Sender::reserve` and `tokio::io::Lines::next_line` are; `mpsc::Sender::send`
//! and `AsyncBufReadExt::read_line` are not.
//!
//! Write [`Relay`], which forwards the lines of a byte stream (the `input`, an
//! [`AsyncRead`]) to a bounded channel (the `output`), one `String` per line without its
//! `\n`, in order. [`Relay::run`] forwards until one of these happens and returns why:
//!
//! - the input ends (end of file): `Ok(Stop::InputClosed)` (a last line without `\n` is
//!   still a line);
//! - the output's receiver is gone: `Ok(Stop::OutputClosed)`;
//! - `deadline` has passed since `run` was called: `Ok(Stop::Deadline)`, at that instant,
//!   even while lines keep coming. The deadline is for the whole call: make the timer
//!   once, before the loop, and poll the same one (`&mut`) in every `select!`; a
//!   `sleep(deadline)` made inside the loop restarts with every line and never fires while
//!   lines arrive faster than `deadline`;
//! - reading fails: `Err(error)`.
//!
//! **Nothing may be lost**, wherever `run` stops: at its deadline, or because the caller
//! dropped it while it waited (a `select!` or a timeout *around* `run`). The next `run`
//! on the same `Relay` must carry on exactly where the last one stopped: no line skipped,
//! none cut, none sent twice. The tests drop `run` after 0, 1, 2, … polls, run it again
//! each time, and compare what came out of the channel with what went in. Two rules give
//! this:
//!
//! 1. Never hold a line in a local variable across an `.await` that may be cancelled.
//!    Wait for room in the channel first (`let permit = output.reserve().await`), then
//!    read the line, then `permit.send(line)`, which does not wait. (`send(line).await`
//!    inside `select!` loses `line` when another branch wins.)
//! 2. Keep partial input in the struct, not in the future: `BufReader::new(input).lines()`
//!    gives a `Lines` whose `next_line()` keeps a half-read line inside itself until the
//!    rest arrives.
//!
//! ```text
//! input "one\ntw" … (2 s later) … "o\n", then end of file; output capacity 8
//! relay.run(1 s) == Ok(Stop::Deadline)     // "one" sent; "tw" kept in the relay
//! relay.run(10 s) == Ok(Stop::InputClosed) // "two" sent
//! ```

use std::io;
use std::time::Duration;

use tokio::io::AsyncRead;
use tokio::sync::mpsc;
// begin solution
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
// starter:
// end solution

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
    // begin solution
    lines: Lines<BufReader<R>>,
    output: mpsc::Sender<String>,
    // starter:
    // // The fields you need; these two are a start.
    // input: R,
    // output: mpsc::Sender<String>,
    // end solution
}

impl<R: AsyncRead + Unpin> Relay<R> {
    /// A relay from `input` to `output`; nothing is read before `run`.
    pub fn new(input: R, output: mpsc::Sender<String>) -> Relay<R> {
        // begin solution
        Relay {
            lines: BufReader::new(input).lines(),
            output,
        }
        // starter:
        // Relay { input, output }
        // end solution
    }

    /// Forwards lines until the input ends, the output closes or `deadline` has passed.
    pub async fn run(&mut self, deadline: Duration) -> io::Result<Stop> {
        // begin solution: one timer before the loop; reserve, then next_line, then permit.send
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
            let line = tokio::select! {
                biased;
                () = &mut deadline => return Ok(Stop::Deadline),
                line = self.lines.next_line() => line?,
            };
            match line {
                Some(line) => permit.send(line),
                None => return Ok(Stop::InputClosed),
            }
        }
        // end solution
    }
}
