//! # Block on
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `block_on` does.
pub fn block_on() -> u32 {
    todo!("write `block_on`")
}
