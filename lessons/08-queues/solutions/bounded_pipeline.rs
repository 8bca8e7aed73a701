//! # Bounded pipeline
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `bounded_pipeline` does.
pub fn bounded_pipeline() -> u32 {
    // begin solution: write `bounded_pipeline`
    todo!("the reference solution of `bounded_pipeline`")
    // end solution
}
