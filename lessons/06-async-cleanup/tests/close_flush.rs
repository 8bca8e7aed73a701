//! Exercise `close_flush`: TODO: the property these tests prove, and how.

use lesson_06_async_cleanup::close_flush::close_flush;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(close_flush(), 42);
}
