//! Exercise `run_until_complete`: TODO: the property these tests prove, and how.

use lesson_05_event_loop::run_until_complete::run_until_complete;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(run_until_complete(), 42);
}
