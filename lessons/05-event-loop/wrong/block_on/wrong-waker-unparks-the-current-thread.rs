// The waker unparks `thread::current()` when it is called: that is the thread that calls
// the waker, which is the right one only when the future wakes itself during its poll. A
// wake-up from another thread unparks that other thread, and `block_on` sleeps forever.
//
// expect: failed
// message: not when it is called

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

/// Wakes the thread that runs `block_on`.
struct ThreadWaker {
    /// Set by a wake-up, cleared by `block_on` when it consumes it (before the next poll).
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        thread::current().unpark();
    }
}

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let thread_waker = Arc::new(ThreadWaker {
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(thread_waker.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake-up that came during the poll has set the flag: no sleep then. The flag
        // also guards against `park` returning without an `unpark` (it may).
        while !thread_waker.woken.swap(false, Ordering::SeqCst) {
            thread::park();
        }
    }
}
