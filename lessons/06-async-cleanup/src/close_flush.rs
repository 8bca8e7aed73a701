//! # Close flush
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `close_flush` does.
pub fn close_flush() -> u32 {
    todo!("write `close_flush`")
}
