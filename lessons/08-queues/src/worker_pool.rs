//! # Worker pool
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `worker_pool` does.
pub fn worker_pool() -> u32 {
    todo!("write `worker_pool`")
}
