//! # Cancel safe select
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `cancel_safe_select` does.
pub fn cancel_safe_select() -> u32 {
    // begin solution: write `cancel_safe_select`
    todo!("the reference solution of `cancel_safe_select`")
    // end solution
}
