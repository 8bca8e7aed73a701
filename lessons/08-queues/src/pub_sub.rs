//! # Pub sub
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `pub_sub` does.
pub fn pub_sub() -> u32 {
    todo!("write `pub_sub`")
}
