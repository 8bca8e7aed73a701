//! # Spawn
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `spawn` does.
pub fn spawn() -> u32 {
    // begin solution: write `spawn`
    todo!("the reference solution of `spawn`")
    // end solution
}
