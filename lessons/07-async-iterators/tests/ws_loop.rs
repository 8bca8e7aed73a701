//! Exercise `ws_loop`: TODO: the property these tests prove, and how.

use lesson_07_async_iterators::ws_loop::ws_loop;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(ws_loop(), 42);
}
