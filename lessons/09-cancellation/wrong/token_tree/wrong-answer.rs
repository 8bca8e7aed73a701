// TODO: a mistake students make in `token_tree`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check token_tree` must contain

pub fn token_tree() -> u32 {
    41
}
