//! # Retry until cancelled
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `retry_until_cancelled` does.
pub fn retry_until_cancelled() -> u32 {
    todo!("write `retry_until_cancelled`")
}
