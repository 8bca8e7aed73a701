// Clears the "woken" flag after each poll, before it waits: a wake-up that came during the
// poll (a future that wakes itself, or a fast other thread) is erased, and `block_on` sleeps
// forever: a lost wake-up.
//
// expect: failed
// message: lost wake-up

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes the thread that runs `block_on`.
struct ThreadWaker {
    thread: Thread,
    /// Set by a wake-up, cleared by `block_on` when it consumes it (before the next poll).
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let thread_waker = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(thread_waker.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Start waiting afresh: nothing has woken us yet.
        thread_waker.woken.store(false, Ordering::SeqCst);
        while !thread_waker.woken.load(Ordering::SeqCst) {
            thread::park();
        }
    }
}
