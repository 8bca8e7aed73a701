//! # Fetch many
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `fetch_many` does.
pub fn fetch_many() -> u32 {
    // begin solution: write `fetch_many`
    todo!("the reference solution of `fetch_many`")
    // end solution
}
