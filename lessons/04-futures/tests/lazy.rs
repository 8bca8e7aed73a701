//! Exercise `lazy`: TODO: the property these tests prove, and how.

use lesson_04_futures::lazy::lazy;

#[test]
fn gives_the_answer() {
    // TODO: tests that prove what the exercise teaches.
    assert_eq!(lazy(), 42);
}
