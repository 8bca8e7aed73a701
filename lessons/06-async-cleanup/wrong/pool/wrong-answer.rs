// TODO: a mistake students make in `pool`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check pool` must contain

pub fn pool() -> u32 {
    41
}
