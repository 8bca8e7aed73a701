// TODO: a mistake students make in `run_until_complete`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check run_until_complete` must contain

pub fn run_until_complete() -> u32 {
    41
}
