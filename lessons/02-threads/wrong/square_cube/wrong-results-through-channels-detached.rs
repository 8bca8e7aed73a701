// Sends each result back through a channel and never joins the threads: when `a`
// panics, its channel closes, join_both panics at once, and `b` is left running.
//
// expect: failed
// message: was never joined

use std::sync::mpsc;
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
    let (send_a, receive_a) = mpsc::channel();
    let (send_b, receive_b) = mpsc::channel();
    thread::spawn(move || send_a.send(a()));
    thread::spawn(move || send_b.send(b()));
    let ra = receive_a.recv().expect("the first thread panicked");
    let rb = receive_b.recv().expect("the second thread panicked");
    (ra, rb)
}

/// The square and the cube of `num`, computed on two threads.
pub fn square_and_cube(num: u64) -> (u64, u64) {
    join_both(move || square(num), move || cube(num))
}
