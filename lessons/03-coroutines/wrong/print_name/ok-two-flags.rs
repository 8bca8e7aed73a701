// Two booleans, `started` and `closed`, instead of a state enum, and `if` chains instead
// of a `match`: the three states are (false, false), (true, false) and (_, true).

/// Why a name could not be sent to the coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The coroutine has not run to its first `yield` yet.
    #[error("the coroutine has not started: call `start` before `send`")]
    NotStarted,
    /// The coroutine was closed.
    #[error("the coroutine is closed: it accepts no more names")]
    Closed,
}

/// The lecture's `print_name(prefix)` coroutine.
#[derive(Debug)]
pub struct PrintName {
    prefix: String,
    started: bool,
    closed: bool,
    lines: Vec<String>,
}

impl PrintName {
    /// The coroutine `print_name(prefix)`, created but not started.
    pub fn new(prefix: &str) -> PrintName {
        PrintName {
            prefix: prefix.to_owned(),
            started: false,
            closed: false,
            lines: Vec::new(),
        }
    }

    /// Runs the coroutine to its first `yield` (Python's `corou.__next__()`).
    pub fn start(&mut self) {
        if !self.started && !self.closed {
            self.started = true;
            let line = format!("Searching prefix:{}", self.prefix);
            self.lines.push(line);
        }
    }

    /// Sends `name` to the coroutine (Python's `corou.send(name)`).
    pub fn send(&mut self, name: &str) -> Result<(), SendError> {
        if self.closed {
            return Err(SendError::Closed);
        }
        if !self.started {
            return Err(SendError::NotStarted);
        }
        if name.contains(&self.prefix) {
            self.lines.push(name.to_owned());
        }
        Ok(())
    }

    /// Closes the coroutine (Python's `corou.close()`).
    pub fn close(&mut self) {
        if self.started && !self.closed {
            self.lines.push("Closing coroutine!!".to_owned());
        }
        self.closed = true;
    }

    /// Every line the coroutine has printed so far, in order.
    pub fn output(&self) -> &[String] {
        &self.lines
    }
}
