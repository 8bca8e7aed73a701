//! # Run until complete
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `run_until_complete` does.
pub fn run_until_complete() -> u32 {
    // begin solution: write `run_until_complete`
    todo!("the reference solution of `run_until_complete`")
    // end solution
}
