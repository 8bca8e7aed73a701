// Spawns both closures in a `thread::scope`: the scope joins every thread before it
// returns, so `unwrap` on the first handle cannot leave the second one running.

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
    thread::scope(|scope| {
        let first = scope.spawn(a);
        let second = scope.spawn(b);
        (first.join().unwrap(), second.join().unwrap())
    })
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    join_both(move || square(num), move || cube(num))
}
