//! # Pool
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `pool` does.
pub fn pool() -> u32 {
    todo!("write `pool`")
}
