// TODO: a mistake students make in `call_soon`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check call_soon` must contain

pub fn call_soon() -> u32 {
    41
}
