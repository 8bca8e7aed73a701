//! # Count stream
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `count_stream` does.
pub fn count_stream() -> u32 {
    // begin solution: write `count_stream`
    todo!("the reference solution of `count_stream`")
    // end solution
}
