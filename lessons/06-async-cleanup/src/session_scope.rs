//! # Session scope
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `session_scope` does.
pub fn session_scope() -> u32 {
    todo!("write `session_scope`")
}
