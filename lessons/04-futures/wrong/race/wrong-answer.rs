// TODO: a mistake students make in `race`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check race` must contain

pub fn race() -> u32 {
    41
}
