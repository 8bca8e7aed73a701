//! Exercise `count_stream`: TODO: the property these tests prove, and how.

use lesson_07_async_iterators::count_stream::count_stream;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(count_stream(), 42);
}
