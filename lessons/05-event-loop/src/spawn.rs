//! # Spawn
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `spawn` does.
pub fn spawn() -> u32 {
    todo!("write `spawn`")
}
