//! # Two threads
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `two_threads` does.
pub fn two_threads() -> u32 {
    todo!("write `two_threads`")
}
