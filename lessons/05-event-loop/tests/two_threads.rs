//! Exercise `two_threads`: TODO: the property these tests prove, and how.

use lesson_05_event_loop::two_threads::two_threads;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(two_threads(), 42);
}
