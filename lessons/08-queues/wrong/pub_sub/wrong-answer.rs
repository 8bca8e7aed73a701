// TODO: a mistake students make in `pub_sub`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check pub_sub` must contain

pub fn pub_sub() -> u32 {
    41
}
