//! # Promise
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `promise` does.
pub fn promise() -> u32 {
    todo!("write `promise`")
}
