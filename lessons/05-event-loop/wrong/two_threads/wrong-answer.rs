// TODO: a mistake students make in `two_threads`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check two_threads` must contain

pub fn two_threads() -> u32 {
    41
}
