//! # Square and cube on two threads
//!
//! The lecture starts two threads, one printing the square of 10 and one its cube, then
//! joins both. In Rust a thread can do better than print: the value its closure returns
//! comes back through its `JoinHandle` when you join it.
//!
//! 1. Write [`join_both`]: run closure `a` on a new thread and closure `b` on another
//!    new thread, *both at the same time*, wait for both and return their results as a
//!    pair. Start both threads before you join either: joining the first before
//!    starting the second runs them one after another. Neither closure may run on the
//!    calling thread. If a closure panics, `join_both` panics too, but only once both
//!    threads have finished: join both before you look at either result (a thread that
//!    is never joined runs on, detached, while its caller has moved on).
//! 2. Write [`square_and_cube`] with `join_both`, [`square`] and [`cube`]: the square
//!    on one thread, the cube on the other.
//!
//! ```text
//! square_and_cube(10) == (100, 1000)
//! join_both(|| "text".len(), || vec![1, 2]) == (4, vec![1, 2])
//! ```
//!
//! The tests make the two closures wait for each other, so they only finish if they
//! really run at the same time.

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
    todo!("spawn both threads, then join both")
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    todo!("use join_both")
}
