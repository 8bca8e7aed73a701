//! # Race
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `race` does.
pub fn race() -> u32 {
    // begin solution: write `race`
    todo!("the reference solution of `race`")
    // end solution
}
