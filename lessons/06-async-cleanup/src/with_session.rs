//! # With session
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `with_session` does.
pub fn with_session() -> u32 {
    todo!("write `with_session`")
}
