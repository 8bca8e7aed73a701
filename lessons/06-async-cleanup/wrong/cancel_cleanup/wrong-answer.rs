// TODO: a mistake students make in `cancel_cleanup`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check cancel_cleanup` must contain

pub fn cancel_cleanup() -> u32 {
    41
}
