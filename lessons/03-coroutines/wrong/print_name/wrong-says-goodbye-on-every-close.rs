// Prints the closing line on every `close`, also when the coroutine is already closed.
//
// expect: failed
// message: closing a closed coroutine does nothing

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
    state: State,
    output: Vec<String>,
}

/// Where the coroutine is in its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Created,
    Waiting,
    Closed,
}

impl PrintName {
    /// The coroutine `print_name(prefix)`, created but not started.
    pub fn new(prefix: &str) -> PrintName {
        PrintName {
            prefix: prefix.to_string(),
            state: State::Created,
            output: Vec::new(),
        }
    }

    /// Runs the coroutine to its first `yield` (Python's `corou.__next__()`).
    pub fn start(&mut self) {
        if self.state == State::Created {
            self.output
                .push(format!("Searching prefix:{}", self.prefix));
            self.state = State::Waiting;
        }
    }

    /// Sends `name` to the coroutine (Python's `corou.send(name)`).
    pub fn send(&mut self, name: &str) -> Result<(), SendError> {
        match self.state {
            State::Created => Err(SendError::NotStarted),
            State::Closed => Err(SendError::Closed),
            State::Waiting => {
                if name.contains(self.prefix.as_str()) {
                    self.output.push(name.to_string());
                }
                Ok(())
            }
        }
    }

    /// Closes the coroutine (Python's `corou.close()`).
    pub fn close(&mut self) {
        if self.state != State::Created {
            self.output.push("Closing coroutine!!".to_string());
        }
        self.state = State::Closed;
    }

    /// Every line the coroutine has printed so far, in order.
    pub fn output(&self) -> &[String] {
        &self.output
    }
}
