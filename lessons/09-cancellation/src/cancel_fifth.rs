//! # Cancel fifth
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `cancel_fifth` does.
pub fn cancel_fifth() -> u32 {
    todo!("write `cancel_fifth`")
}
