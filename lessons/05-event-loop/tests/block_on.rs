//! Exercise `block_on`: TODO: the property these tests prove, and how.

use lesson_05_event_loop::block_on::block_on;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(block_on(), 42);
}
