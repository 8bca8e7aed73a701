// Lists `Close` only for `Disconnected` and `Connected`: a connection cannot be closed
// while it is connecting, although the table allows `Close` in every state but `Closed`.
//
// expect: failed
// message: `Close` closes a connection in any state but `Closed`

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
    match (state, event) {
        (State::Closed, event) => Err(TransitionError::Closed(event)),
        (State::Disconnected, Event::Close) | (State::Connected { .. }, Event::Close) => {
            Ok(State::Closed)
        }
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
}

/// A connection: the machine, in one of its states.
#[derive(Debug)]
pub struct Connection {
    state: State,
}

impl Connection {
    /// A new connection, `Disconnected`.
    pub fn new() -> Connection {
        Connection {
            state: State::Disconnected,
        }
    }

    /// The state the connection is in.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Applies `event`: moves to the next state and returns it, or returns the error and
    /// stays in the current state.
    pub fn handle(&mut self, event: Event) -> Result<&State, TransitionError> {
        self.state = transition(&self.state, event)?;
        Ok(&self.state)
    }
}

impl Default for Connection {
    fn default() -> Connection {
        Connection::new()
    }
}
