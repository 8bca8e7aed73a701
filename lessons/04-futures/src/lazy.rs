//! # Lazy
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `lazy` does.
pub fn lazy() -> u32 {
    todo!("write `lazy`")
}
