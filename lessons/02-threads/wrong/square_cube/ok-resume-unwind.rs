// Joins both handles, then re-raises the first panic with its own payload
// (`resume_unwind`), so the caller sees the closure's own message.

use std::panic;
use std::thread;

/// `num` squared.
pub fn square(num: u64) -> u64 {
    num * num
}

/// `num` cubed.
pub fn cube(num: u64) -> u64 {
    num * num * num
}

/// Runs `a` and `b` on two new threads at the same time and returns both results.
pub fn join_both<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send + 'static,
    B: FnOnce() -> RB + Send + 'static,
    RA: Send + 'static,
    RB: Send + 'static,
{
    let handles = (thread::spawn(a), thread::spawn(b));
    match (handles.0.join(), handles.1.join()) {
        (Ok(ra), Ok(rb)) => (ra, rb),
        (Err(payload), _) | (_, Err(payload)) => panic::resume_unwind(payload),
    }
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    join_both(move || square(num), move || cube(num))
}
