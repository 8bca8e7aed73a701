// Spawns a thread for `b` only and runs `a` on the calling thread meanwhile: "the
// caller is idle anyway".
//
// expect: failed
// message: ran on the thread that called join_both

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
    let second = thread::spawn(b);
    let ra = a();
    (ra, second.join().unwrap())
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    join_both(move || square(num), move || cube(num))
}
