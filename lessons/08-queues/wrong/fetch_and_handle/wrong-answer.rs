// TODO: a mistake students make in `fetch_and_handle`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check fetch_and_handle` must contain

pub fn fetch_and_handle() -> u32 {
    41
}
