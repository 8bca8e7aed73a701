// TODO: a mistake students make in `lazy`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check lazy` must contain

pub fn lazy() -> u32 {
    41
}
