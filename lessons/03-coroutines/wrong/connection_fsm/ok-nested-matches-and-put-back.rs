// `transition` as a `match` on the state with a `match` on the event inside each arm
// (no tuple, no guard), and `handle` that takes the state out by value with
// `std::mem::replace` and puts the old state back when the event is refused.

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
    let next = match state {
        State::Closed => return Err(TransitionError::Closed(event)),
        State::Disconnected => match event {
            Event::Dial => Some(State::Connecting { attempt: 1 }),
            Event::Close => Some(State::Closed),
            _ => None,
        },
        State::Connecting { attempt } => match event {
            Event::Established { session } => Some(State::Connected { session }),
            Event::Failed => Some(if *attempt < MAX_ATTEMPTS {
                State::Connecting {
                    attempt: attempt + 1,
                }
            } else {
                State::Disconnected
            }),
            Event::Close => Some(State::Closed),
            _ => None,
        },
        State::Connected { .. } => match event {
            Event::Hangup => Some(State::Disconnected),
            Event::Close => Some(State::Closed),
            _ => None,
        },
    };
    next.ok_or_else(|| TransitionError::Invalid {
        state: state.clone(),
        event,
    })
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
        let old = std::mem::replace(&mut self.state, State::Closed);
        match transition(&old, event) {
            Ok(next) => self.state = next,
            Err(error) => {
                self.state = old;
                return Err(error);
            }
        }
        Ok(&self.state)
    }
}

impl Default for Connection {
    fn default() -> Connection {
        Connection::new()
    }
}
