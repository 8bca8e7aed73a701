//! # A finite-state machine: a connection with typed transitions
//!
//! Write a finite-state machine for a network connection: [`transition`], its rule, and
//! [`Connection`], the machine itself. An event that is not allowed in a state is a typed
//! error, [`TransitionError`].
//!
//! A finite-state machine has a finite set of states and a rule that says, for a state
//! and an event, which state comes next. Every generator and coroutine of this lesson is
//! one (the countdown's states are its numbers; `print_name` is created, waiting or
//! closed), and so is every network connection. Here the machine is written out on
//! purpose, with the states and the events as enums, so that `match` checks that every
//! pair is handled and an event that makes no sense in a state is a typed error instead
//! of a silently ignored call.
//!
//! The connection's rule (`MAX_ATTEMPTS` is 3):
//!
//! | state | event | next state |
//! |---|---|---|
//! | `Disconnected` | `Dial` | `Connecting { attempt: 1 }` |
//! | `Connecting { attempt }` | `Established { session }` | `Connected { session }` |
//! | `Connecting { attempt }` | `Failed`, `attempt < MAX_ATTEMPTS` | `Connecting { attempt: attempt + 1 }` (a retry) |
//! | `Connecting { attempt }` | `Failed`, `attempt == MAX_ATTEMPTS` | `Disconnected` (give up) |
//! | `Connected { .. }` | `Hangup` | `Disconnected` |
//! | `Disconnected`, `Connecting { .. }`, `Connected { .. }` | `Close` | `Closed` |
//! | `Closed` | any event | error [`TransitionError::Closed`] with the event |
//! | any other pair | | error [`TransitionError::Invalid`] with the state and the event |
//!
//! 1. Write [`transition`], the rule itself: a pure function of the state and the event.
//! 2. Write [`Connection`], the machine: it starts `Disconnected`, and
//!    [`Connection::handle`] applies an event. On success the connection moves to the
//!    next state and `handle` returns it; on an error the connection stays exactly in the
//!    state it was in.
//!
//! ```text
//! transition(&State::Disconnected, Event::Dial) == Ok(State::Connecting { attempt: 1 })
//! transition(&State::Disconnected, Event::Hangup)
//!     == Err(TransitionError::Invalid { state: State::Disconnected, event: Event::Hangup })
//!
//! let mut connection = Connection::new();
//! connection.handle(Event::Dial) == Ok(&State::Connecting { attempt: 1 })
//! connection.handle(Event::Established { session: 7 }) == Ok(&State::Connected { session: 7 })
//! connection.handle(Event::Dial).is_err() && connection.state() == &State::Connected { session: 7 }
//! ```

/// How many times a connection tries to connect before it gives up.
pub const MAX_ATTEMPTS: u32 = 3;

/// The states of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Not connected; can dial.
    Disconnected,
    /// Trying to connect: this is attempt number `attempt`, from 1 to [`MAX_ATTEMPTS`].
    Connecting { attempt: u32 },
    /// Connected, in session number `session`.
    Connected { session: u64 },
    /// Closed for good: accepts no more events.
    Closed,
}

/// What can happen to a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The user asks to connect.
    Dial,
    /// The other side accepted: the session has started.
    Established { session: u64 },
    /// The attempt to connect failed.
    Failed,
    /// The session ended.
    Hangup,
    /// The user closes the connection for good.
    Close,
}

/// An event that the connection cannot take in its state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The event makes no sense in this state.
    #[error("event {event:?} is not allowed in state {state:?}")]
    Invalid { state: State, event: Event },
    /// The connection is closed: no event is allowed any more.
    #[error("the connection is closed and accepts no more events (got {0:?})")]
    Closed(Event),
}

/// The rule of the machine: the state that follows `state` on `event`.
pub fn transition(state: &State, event: Event) -> Result<State, TransitionError> {
    // begin solution: one match on the pair (state, event), following the table
    match (state, event) {
        (State::Closed, event) => Err(TransitionError::Closed(event)),
        (_, Event::Close) => Ok(State::Closed),
        (State::Disconnected, Event::Dial) => Ok(State::Connecting { attempt: 1 }),
        (State::Connecting { .. }, Event::Established { session }) => {
            Ok(State::Connected { session })
        }
        (State::Connecting { attempt }, Event::Failed) if *attempt < MAX_ATTEMPTS => {
            Ok(State::Connecting {
                attempt: attempt + 1,
            })
        }
        (State::Connecting { .. }, Event::Failed) => Ok(State::Disconnected),
        (State::Connected { .. }, Event::Hangup) => Ok(State::Disconnected),
        (state, event) => Err(TransitionError::Invalid {
            state: state.clone(),
            event,
        }),
    }
    // end solution
}

/// A connection: the machine, in one of its states.
#[derive(Debug)]
pub struct Connection {
    // begin solution
    state: State,
    // starter:
    // // The fields you need.
    // end solution
}

impl Connection {
    /// A new connection, `Disconnected`.
    pub fn new() -> Connection {
        // begin solution: start disconnected
        Connection {
            state: State::Disconnected,
        }
        // end solution
    }

    /// The state the connection is in.
    pub fn state(&self) -> &State {
        // begin solution: the current state
        &self.state
        // end solution
    }

    /// Applies `event`: moves to the next state and returns it, or returns the error and
    /// stays in the current state.
    pub fn handle(&mut self, event: Event) -> Result<&State, TransitionError> {
        // begin solution: compute the next state first, and only then replace the current one
        self.state = transition(&self.state, event)?;
        Ok(&self.state)
        // end solution
    }
}

impl Default for Connection {
    fn default() -> Connection {
        Connection::new()
    }
}
