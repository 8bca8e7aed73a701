//! # Transaction
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `transaction` does.
pub fn transaction() -> u32 {
    // begin solution: write `transaction`
    todo!("the reference solution of `transaction`")
    // end solution
}
