//! # Gather
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `gather` does.
pub fn gather() -> u32 {
    // begin solution: write `gather`
    todo!("the reference solution of `gather`")
    // end solution
}
