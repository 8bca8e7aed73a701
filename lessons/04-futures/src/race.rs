//! # Race
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `race` does.
pub fn race() -> u32 {
    todo!("write `race`")
}
