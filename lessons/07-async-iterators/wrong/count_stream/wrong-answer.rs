// TODO: a mistake students make in `count_stream`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check count_stream` must contain

pub fn count_stream() -> u32 {
    41
}
