// Polls in a loop with `Waker::noop()`, as lesson 03's `poll_to_end` did: it works, but
// it polls again and again while the future waits, burning a core (busy-polling).
//
// expect: failed
// message: it busy-polls

use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
