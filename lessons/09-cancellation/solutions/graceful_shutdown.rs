//! # Graceful shutdown
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `graceful_shutdown` does.
pub fn graceful_shutdown() -> u32 {
    // begin solution: write `graceful_shutdown`
    todo!("the reference solution of `graceful_shutdown`")
    // end solution
}
