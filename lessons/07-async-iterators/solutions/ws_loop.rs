//! # Ws loop
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `ws_loop` does.
pub fn ws_loop() -> u32 {
    // begin solution: write `ws_loop`
    todo!("the reference solution of `ws_loop`")
    // end solution
}
