// TODO: a mistake students make in `graceful_shutdown`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check graceful_shutdown` must contain

pub fn graceful_shutdown() -> u32 {
    41
}
