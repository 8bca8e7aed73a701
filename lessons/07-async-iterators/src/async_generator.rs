//! # Async generator
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `async_generator` does.
pub fn async_generator() -> u32 {
    todo!("write `async_generator`")
}
