//! # Promise
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `promise` does.
pub fn promise() -> u32 {
    // begin solution: write `promise`
    todo!("the reference solution of `promise`")
    // end solution
}
