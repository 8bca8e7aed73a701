//! # Two threads
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `two_threads` does.
pub fn two_threads() -> u32 {
    // begin solution: write `two_threads`
    todo!("the reference solution of `two_threads`")
    // end solution
}
