//! # Kv actor
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `kv_actor` does.
pub fn kv_actor() -> u32 {
    todo!("write `kv_actor`")
}
