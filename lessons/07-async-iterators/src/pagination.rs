//! # Pagination
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `pagination` does.
pub fn pagination() -> u32 {
    todo!("write `pagination`")
}
