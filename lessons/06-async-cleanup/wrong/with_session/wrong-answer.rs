// TODO: a mistake students make in `with_session`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check with_session` must contain

pub fn with_session() -> u32 {
    41
}
