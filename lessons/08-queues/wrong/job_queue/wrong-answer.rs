// TODO: a mistake students make in `job_queue`, written as they would write it. Add at
// least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.
//
// expect: failed
// message: TODO: words that the first message of `cargo xtask check job_queue` must contain

pub fn job_queue() -> u32 {
    41
}
