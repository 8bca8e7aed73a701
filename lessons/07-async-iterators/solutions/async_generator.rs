//! # Async generator
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `async_generator` does.
pub fn async_generator() -> u32 {
    // begin solution: write `async_generator`
    todo!("the reference solution of `async_generator`")
    // end solution
}
