//! # Fetch and handle
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `fetch_and_handle` does.
pub fn fetch_and_handle() -> u32 {
    // begin solution: write `fetch_and_handle`
    todo!("the reference solution of `fetch_and_handle`")
    // end solution
}
