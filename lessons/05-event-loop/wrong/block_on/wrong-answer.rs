// TODO: a mistake students make in `block_on`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check block_on` must contain

pub fn block_on() -> u32 {
    41
}
