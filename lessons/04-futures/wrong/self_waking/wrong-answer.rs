// TODO: a mistake students make in `self_waking`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check self_waking` must contain

pub fn self_waking() -> u32 {
    41
}
