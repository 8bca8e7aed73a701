// Prints the search line in `new`, as a Python function call would, instead of when
// the coroutine is started: a generator's body runs only when it is primed.
//
// expect: failed
// message: its body runs only when it is started

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
            output: vec![format!("Searching prefix:{prefix}")],
        }
    }

    /// Runs the coroutine to its first `yield` (Python's `corou.__next__()`).
    pub fn start(&mut self) {
        if self.state == State::Created {
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
        if self.state == State::Waiting {
            self.output.push("Closing coroutine!!".to_string());
        }
        self.state = State::Closed;
    }

    /// Every line the coroutine has printed so far, in order.
    pub fn output(&self) -> &[String] {
        &self.output
    }
}
