// TODO: a mistake students make in `done_callbacks`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check done_callbacks` must contain

pub fn done_callbacks() -> u32 {
    41
}
