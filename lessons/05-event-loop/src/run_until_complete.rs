//! # Run until complete
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `run_until_complete` does.
pub fn run_until_complete() -> u32 {
    todo!("write `run_until_complete`")
}
