// Joins and unwraps the first handle before it joins the second: when `a` panics, the
// panic leaves join_both at once and `b` is never joined (it runs on, detached).
//
// expect: failed
// message: was never joined

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
    let ra = first.join().expect("the first thread panicked");
    let rb = second.join().expect("the second thread panicked");
    (ra, rb)
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    join_both(move || square(num), move || cube(num))
}
