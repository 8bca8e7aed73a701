// TODO: a mistake students make in `retry_until_cancelled`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check retry_until_cancelled` must contain

pub fn retry_until_cancelled() -> u32 {
    41
}
