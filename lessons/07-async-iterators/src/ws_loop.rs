//! # Ws loop
//!
//! TODO: the task statement: what to write, the rules it must keep, an example.

/// TODO: what `ws_loop` does.
pub fn ws_loop() -> u32 {
    todo!("write `ws_loop`")
}
