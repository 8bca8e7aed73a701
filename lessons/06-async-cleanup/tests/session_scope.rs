//! Exercise `session_scope`: TODO: the property these tests prove, and how.

use lesson_06_async_cleanup::session_scope::session_scope;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(session_scope(), 42);
}
