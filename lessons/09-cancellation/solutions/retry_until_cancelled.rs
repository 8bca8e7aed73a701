//! # Retry until cancelled
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `retry_until_cancelled` does.
pub fn retry_until_cancelled() -> u32 {
    // begin solution: write `retry_until_cancelled`
    todo!("the reference solution of `retry_until_cancelled`")
    // end solution
}
