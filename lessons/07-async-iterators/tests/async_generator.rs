//! Exercise `async_generator`: TODO: the property these tests prove, and how.

use lesson_07_async_iterators::async_generator::async_generator;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(async_generator(), 42);
}
