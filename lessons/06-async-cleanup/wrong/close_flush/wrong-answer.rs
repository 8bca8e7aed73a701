// TODO: a mistake students make in `close_flush`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check close_flush` must contain

pub fn close_flush() -> u32 {
    41
}
