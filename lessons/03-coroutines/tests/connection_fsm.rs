//! Exercise `connection_fsm`: a finite-state machine with typed transitions and errors.
//!
//! The tests try every pair of (state, event) against the table of the task, so a
//! catch-all arm that quietly accepts, or rejects, a pair it should not is caught.

use lesson_03_coroutines::connection_fsm::{
    Connection, Event, MAX_ATTEMPTS, State, TransitionError, transition,
};
use pretty_assertions::assert_eq;

/// One state of every kind.
fn states() -> Vec<State> {
    vec![
        State::Disconnected,
        State::Connecting { attempt: 1 },
        State::Connecting { attempt: 2 },
        State::Connecting {
            attempt: MAX_ATTEMPTS,
        },
        State::Connected { session: 42 },
        State::Closed,
    ]
}

/// One event of every kind.
fn events() -> Vec<Event> {
    vec![
        Event::Dial,
        Event::Established { session: 7 },
        Event::Failed,
        Event::Hangup,
        Event::Close,
    ]
}

/// The table of the task, written out: the expected outcome of every pair.
fn expected(state: &State, event: &Event) -> Result<State, TransitionError> {
    let invalid = || {
        Err(TransitionError::Invalid {
            state: state.clone(),
            event: event.clone(),
        })
    };
    match (state, event) {
        (State::Closed, _) => Err(TransitionError::Closed(event.clone())),
        (_, Event::Close) => Ok(State::Closed),
        (State::Disconnected, Event::Dial) => Ok(State::Connecting { attempt: 1 }),
        (State::Connecting { .. }, Event::Established { session }) => {
            Ok(State::Connected { session: *session })
        }
        (State::Connecting { attempt }, Event::Failed) => Ok(if *attempt < MAX_ATTEMPTS {
            State::Connecting {
                attempt: attempt + 1,
            }
        } else {
            State::Disconnected
        }),
        (State::Connected { .. }, Event::Hangup) => Ok(State::Disconnected),
        _ => invalid(),
    }
}

/// Why a pair goes where it goes, for the failure message.
fn why(state: &State, event: &Event) -> &'static str {
    match (state, event) {
        (State::Closed, _) => {
            "a closed connection rejects every event with `TransitionError::Closed(event)`"
        }
        (_, Event::Close) => "`Close` closes a connection in any state but `Closed`",
        (State::Connecting { .. }, Event::Failed) => {
            "a failed attempt retries while `attempt < MAX_ATTEMPTS`, and gives up (`Disconnected`) after attempt `MAX_ATTEMPTS`"
        }
        (State::Disconnected, Event::Dial)
        | (State::Connecting { .. }, Event::Established { .. })
        | (State::Connected { .. }, Event::Hangup) => "a row of the table",
        _ => {
            "no row of the table allows this pair: it is `TransitionError::Invalid` with the state and the event, not ignored"
        }
    }
}

/// Checks `transition` on every (state, event) pair whose expected outcome `selects`.
fn check_pairs(selects: fn(&Result<State, TransitionError>) -> bool) {
    for state in states() {
        for event in events() {
            let want = expected(&state, &event);
            if selects(&want) {
                assert_eq!(
                    transition(&state, event.clone()),
                    want,
                    "transition({state:?}, {event:?}): {}",
                    why(&state, &event)
                );
            }
        }
    }
}

#[graded::test]
fn every_valid_pair_goes_to_its_next_state() {
    check_pairs(Result::is_ok);
}

#[graded::test]
fn every_invalid_pair_is_an_error() {
    check_pairs(Result::is_err);
}

#[graded::test]
fn retries_then_gives_up_and_can_dial_again() {
    let mut connection = Connection::new();
    assert_eq!(connection.state(), &State::Disconnected, "a new connection");
    connection.handle(Event::Dial).expect("dialling");
    for attempt in 2..=MAX_ATTEMPTS {
        assert_eq!(
            connection.handle(Event::Failed),
            Ok(&State::Connecting { attempt }),
            "a failed attempt is retried while `attempt < MAX_ATTEMPTS` ({MAX_ATTEMPTS})"
        );
    }
    assert_eq!(
        connection.handle(Event::Failed),
        Ok(&State::Disconnected),
        "attempt {MAX_ATTEMPTS} failed: that was the last one, the connection gives up"
    );
    assert_eq!(
        connection.handle(Event::Dial),
        Ok(&State::Connecting { attempt: 1 }),
        "dialling again starts over at attempt 1"
    );
}

#[graded::test]
fn a_whole_session() {
    let mut connection = Connection::new();
    let steps = [
        (Event::Dial, State::Connecting { attempt: 1 }),
        (Event::Failed, State::Connecting { attempt: 2 }),
        (
            Event::Established { session: 9 },
            State::Connected { session: 9 },
        ),
        (Event::Hangup, State::Disconnected),
        (Event::Dial, State::Connecting { attempt: 1 }),
        (Event::Close, State::Closed),
    ];
    for (event, state) in steps {
        let what = format!("{event:?}");
        assert_eq!(
            connection.handle(event),
            Ok(&state),
            "`handle({what})` returns the new state"
        );
        assert_eq!(
            connection.state(),
            &state,
            "after `handle({what})`, the connection is in the new state"
        );
    }
}

#[graded::test]
fn an_invalid_event_leaves_the_state_as_it_was() {
    let mut connection = Connection::new();
    connection.handle(Event::Dial).expect("dialling");
    connection
        .handle(Event::Established { session: 5 })
        .expect("connecting");
    let connected = State::Connected { session: 5 };
    assert_eq!(
        connection.handle(Event::Dial),
        Err(TransitionError::Invalid {
            state: connected.clone(),
            event: Event::Dial,
        }),
        "dialling while connected is invalid"
    );
    assert_eq!(
        connection.state(),
        &connected,
        "after an invalid event the connection must stay in the state it was in: compute \
         the next state before you replace the current one, and leave the state alone when \
         the event is refused"
    );
    connection.handle(Event::Close).expect("closing");
    assert_eq!(
        connection.handle(Event::Hangup),
        Err(TransitionError::Closed(Event::Hangup)),
        "a closed connection rejects every event"
    );
    assert_eq!(connection.state(), &State::Closed, "and stays closed");
}

#[graded::test]
fn the_errors_say_what_happened() {
    let Err(error) = transition(&State::Disconnected, Event::Hangup) else {
        panic!("hanging up while disconnected is not allowed: `transition` must return an error");
    };
    let text = error.to_string();
    assert!(
        text.contains("Hangup") && text.contains("Disconnected"),
        "the message of an invalid transition names the event and the state, got {text:?}"
    );
}
