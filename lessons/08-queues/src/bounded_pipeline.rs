//! # Bounded pipeline
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `bounded_pipeline` does.
pub fn bounded_pipeline() -> u32 {
    todo!("write `bounded_pipeline`")
}
