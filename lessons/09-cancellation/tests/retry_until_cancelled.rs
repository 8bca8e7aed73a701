//! Exercise `retry_until_cancelled`: TODO: the property these tests prove, and how.

use lesson_09_cancellation::retry_until_cancelled::retry_until_cancelled;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(retry_until_cancelled(), 42);
}
