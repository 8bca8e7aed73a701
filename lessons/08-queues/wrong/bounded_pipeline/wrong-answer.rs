// TODO: a mistake students make in `bounded_pipeline`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check bounded_pipeline` must contain

pub fn bounded_pipeline() -> u32 {
    41
}
