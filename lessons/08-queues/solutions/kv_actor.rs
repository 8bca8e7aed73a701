//! # Kv actor
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `kv_actor` does.
pub fn kv_actor() -> u32 {
    // begin solution: write `kv_actor`
    todo!("the reference solution of `kv_actor`")
    // end solution
}
