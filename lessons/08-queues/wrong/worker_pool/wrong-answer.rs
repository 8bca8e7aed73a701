// TODO: a mistake students make in `worker_pool`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check worker_pool` must contain

pub fn worker_pool() -> u32 {
    41
}
