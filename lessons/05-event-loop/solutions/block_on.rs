//! # Block on
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `block_on` does.
pub fn block_on() -> u32 {
    // begin solution: write `block_on`
    todo!("the reference solution of `block_on`")
    // end solution
}
