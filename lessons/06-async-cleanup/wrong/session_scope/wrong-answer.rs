// TODO: a mistake students make in `session_scope`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check session_scope` must contain

pub fn session_scope() -> u32 {
    41
}
