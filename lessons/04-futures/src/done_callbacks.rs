//! # Done callbacks
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `done_callbacks` does.
pub fn done_callbacks() -> u32 {
    todo!("write `done_callbacks`")
}
