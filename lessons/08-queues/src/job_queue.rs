//! # Job queue
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `job_queue` does.
pub fn job_queue() -> u32 {
    todo!("write `job_queue`")
}
