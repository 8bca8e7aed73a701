// TODO: a mistake students make in `deadline`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check deadline` must contain

pub fn deadline() -> u32 {
    41
}
