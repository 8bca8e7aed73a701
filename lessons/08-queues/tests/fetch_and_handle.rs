//! Exercise `fetch_and_handle`: TODO: the property these tests prove, and how.

use lesson_08_queues::fetch_and_handle::fetch_and_handle;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(fetch_and_handle(), 42);
}
