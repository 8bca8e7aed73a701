//! # Close flush
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `close_flush` does.
pub fn close_flush() -> u32 {
    // begin solution: write `close_flush`
    todo!("the reference solution of `close_flush`")
    // end solution
}
