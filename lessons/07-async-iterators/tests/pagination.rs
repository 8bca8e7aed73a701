//! Exercise `pagination`: TODO: the property these tests prove, and how.

use lesson_07_async_iterators::pagination::pagination;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(pagination(), 42);
}
