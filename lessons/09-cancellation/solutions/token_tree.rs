//! # Token tree
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `token_tree` does.
pub fn token_tree() -> u32 {
    // begin solution: write `token_tree`
    todo!("the reference solution of `token_tree`")
    // end solution
}
