// Writes join_both correctly but computes square_and_cube directly on the calling
// thread, without join_both.
//
// expect: failed
// message: square_and_cube started 0 thread(s)

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
    let first = thread::spawn(a);
    let second = thread::spawn(b);
    let (first, second) = (first.join(), second.join());
    (first.unwrap(), second.unwrap())
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    (square(num), cube(num))
}
