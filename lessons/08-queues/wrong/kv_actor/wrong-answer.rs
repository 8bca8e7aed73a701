// TODO: a mistake students make in `kv_actor`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check kv_actor` must contain

pub fn kv_actor() -> u32 {
    41
}
