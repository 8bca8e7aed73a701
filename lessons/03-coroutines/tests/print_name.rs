//! Exercise `print_name`: the lecture's push coroutine, with `start`, `send` and `close`.

use lesson_03_coroutines::print_name::{PrintName, SendError};
use pretty_assertions::assert_eq;

const SEARCHING: &str = "Searching prefix:Dear";
const CLOSING: &str = "Closing coroutine!!";

fn started(prefix: &str) -> PrintName {
    let mut corou = PrintName::new(prefix);
    corou.start();
    corou
}

#[graded::test]
fn the_lecture_session() {
    let mut corou = PrintName::new("Dear");
    corou.start();
    assert_eq!(
        corou.send("James"),
        Ok(()),
        "sending to a started coroutine"
    );
    assert_eq!(
        corou.send("Dear James"),
        Ok(()),
        "sending to a started coroutine"
    );
    corou.close();
    assert_eq!(
        corou.output(),
        [SEARCHING, "Dear James", CLOSING],
        "the lecture's output: the search line at the start, the names that contain the \
         prefix, the closing line at the end"
    );
}

#[graded::test]
fn nothing_runs_before_start() {
    let corou = PrintName::new("Dear");
    assert!(
        corou.output().is_empty(),
        "a coroutine that was only created printed {:?}: like a Python generator, its body \
         runs only when it is started",
        corou.output()
    );
    let corou = started("Dear");
    assert_eq!(
        corou.output(),
        [SEARCHING],
        "`start` runs to the first `yield`"
    );
}

#[graded::test]
fn starting_twice_runs_the_start_once() {
    let mut corou = started("Dear");
    corou.start();
    assert_eq!(
        corou.output(),
        [SEARCHING],
        "the second `start` found the coroutine already waiting at its `yield`: it must do \
         nothing"
    );
}

#[graded::test]
fn each_name_is_handled_when_it_is_sent() {
    let mut corou = started("Dear");
    corou.send("Dear Ann").unwrap();
    assert_eq!(
        corou.output(),
        [SEARCHING, "Dear Ann"],
        "a push coroutine handles each value as it arrives: \"Dear Ann\" must be printed by \
         its `send`, not later"
    );
    corou.send("Bob").unwrap();
    corou.send("My Dear Eve").unwrap();
    corou.send("dear Max").unwrap();
    assert_eq!(
        corou.output(),
        [SEARCHING, "Dear Ann", "My Dear Eve"],
        "a name is printed when it *contains* the prefix anywhere (Python's `prefix in \
         name`, Rust's `str::contains`), case-sensitively: \"My Dear Eve\" yes, \"dear Max\" \
         and \"Bob\" no"
    );
}

#[graded::test]
fn a_send_before_start_is_refused() {
    let mut corou = PrintName::new("Dear");
    assert_eq!(
        corou.send("Dear James"),
        Err(SendError::NotStarted),
        "a coroutine that was not started is not waiting at its `yield` yet: it cannot take \
         a value (Python: \"can't send non-None value to a just-started generator\")"
    );
    assert!(
        corou.output().is_empty(),
        "a refused send prints nothing, got {:?}",
        corou.output()
    );
}

#[graded::test]
fn a_send_after_close_is_refused() {
    let mut corou = started("Dear");
    corou.close();
    assert_eq!(
        corou.send("Dear James"),
        Err(SendError::Closed),
        "a closed coroutine takes no more values"
    );
    assert_eq!(
        corou.output(),
        [SEARCHING, CLOSING],
        "a refused send prints nothing"
    );
    corou.start();
    assert_eq!(
        corou.send("Dear Jane"),
        Err(SendError::Closed),
        "`start` does not bring a closed coroutine back: it acts only on a coroutine that \
         was created and not started yet"
    );
}

#[graded::test]
fn closing_twice_says_goodbye_once() {
    let mut corou = started("Dear");
    corou.close();
    corou.close();
    assert_eq!(
        corou.output(),
        [SEARCHING, CLOSING],
        "closing a closed coroutine does nothing (Python's `close` on a finished generator)"
    );
}

#[graded::test]
fn closing_a_coroutine_that_never_started_is_silent() {
    let mut corou = PrintName::new("Dear");
    corou.close();
    assert!(
        corou.output().is_empty(),
        "the coroutine never started, so its body never ran and there is no `except` to \
         print the closing line; got {:?}",
        corou.output()
    );
    assert_eq!(
        corou.send("Dear James"),
        Err(SendError::Closed),
        "but it is closed all the same: closed, not `NotStarted`"
    );
}
