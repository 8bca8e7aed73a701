//! # The lecture's `print_name`: a coroutine with `send` and `close`
//!
//! Write [`PrintName`], the lecture's `print_name(prefix)` coroutine as a Rust state
//! machine that you start, send names to, and close, and that records what it prints.
//!
//! A generator *produces* values when asked; a coroutine also *consumes* them. The
//! lecture's coroutine waits at `name = (yield)` for the names sent to it and prints the
//! ones that contain its prefix:
//!
//! ```text
//! def print_name(prefix):
//!     print("Searching prefix:{}".format(prefix))
//!     try:
//!         while True:
//!             name = (yield)
//!             if prefix in name:
//!                 print(name)
//!     except GeneratorExit:
//!         print("Closing coroutine!!")
//!
//! corou = print_name("Dear")   # nothing printed yet: the body has not started
//! corou.__next__()             # runs to the first yield: "Searching prefix:Dear"
//! corou.send("James")          # no output
//! corou.send("Dear James")     # "Dear James"
//! corou.close()                # "Closing coroutine!!"
//! ```
//!
//! [`PrintName`] does not print to the terminal: it appends each line it would print to
//! its own output, which [`PrintName::output`] returns (so that the tests can read it).
//!
//! - [`PrintName::new`] creates the coroutine and runs nothing (no output yet).
//! - [`PrintName::start`] is `corou.__next__()`: it runs the body up to the first
//!   `yield`, which prints `Searching prefix:PREFIX`. Starting a coroutine that is
//!   already started, or closed, does nothing.
//! - [`PrintName::send`] hands the coroutine a name; it prints the name at once if the
//!   name *contains* the prefix anywhere (Python's `prefix in name`). Sending to a
//!   coroutine that was not started is [`SendError::NotStarted`] (Python raises
//!   `TypeError: can't send non-None value to a just-started generator`); sending to a
//!   closed one is [`SendError::Closed`] (Python raises `StopIteration`). A failed send
//!   prints nothing.
//! - [`PrintName::close`] is `corou.close()`: a started coroutine prints
//!   `Closing coroutine!!` and is closed. Closing a coroutine that never started closes
//!   it silently (in Python its body never ran, so its `except` never runs either), and
//!   closing a closed coroutine does nothing.
//!
//! ```text
//! let mut corou = PrintName::new("Dear");
//! corou.start();
//! corou.send("James") == Ok(());
//! corou.send("Dear James") == Ok(());
//! corou.close();
//! corou.output() == ["Searching prefix:Dear", "Dear James", "Closing coroutine!!"]
//! corou.send("Dear Jane") == Err(SendError::Closed)
//! ```

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
    // begin solution
    prefix: String,
    state: State,
    output: Vec<String>,
    // starter:
    // // The fields you need: what the coroutine remembers between two calls.
    // end solution
}
// begin solution

/// Where the coroutine is in its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Created: the body has not run at all.
    Created,
    /// Suspended at `name = (yield)`, waiting for a name.
    Waiting,
    /// Closed: it takes no more names.
    Closed,
}
// starter:
// end solution

impl PrintName {
    /// The coroutine `print_name(prefix)`, created but not started.
    pub fn new(prefix: &str) -> PrintName {
        // begin solution: remember the prefix; the coroutine has not started
        PrintName {
            prefix: prefix.to_string(),
            state: State::Created,
            output: Vec::new(),
        }
        // end solution
    }

    /// Runs the coroutine to its first `yield` (Python's `corou.__next__()`).
    pub fn start(&mut self) {
        // begin solution: print the search line once, and wait for names
        if self.state == State::Created {
            self.output
                .push(format!("Searching prefix:{}", self.prefix));
            self.state = State::Waiting;
        }
        // end solution
    }

    /// Sends `name` to the coroutine (Python's `corou.send(name)`).
    pub fn send(&mut self, name: &str) -> Result<(), SendError> {
        // begin solution: refuse unless waiting; print a name that contains the prefix
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
        // end solution
    }

    /// Closes the coroutine (Python's `corou.close()`).
    pub fn close(&mut self) {
        // begin solution: a started coroutine says goodbye; every coroutine ends closed
        if self.state == State::Waiting {
            self.output.push("Closing coroutine!!".to_string());
        }
        self.state = State::Closed;
        // end solution
    }

    /// Every line the coroutine has printed so far, in order.
    pub fn output(&self) -> &[String] {
        // begin solution: the lines printed so far
        &self.output
        // end solution
    }
}
