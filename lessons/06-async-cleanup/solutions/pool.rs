//! # Pool
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `pool` does.
pub fn pool() -> u32 {
    // begin solution: write `pool`
    todo!("the reference solution of `pool`")
    // end solution
}
