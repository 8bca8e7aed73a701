//! # `block_on`: run one future to the end, sleeping while it waits
//!
//! Write [`block_on`], the smallest real executor: it runs one future on the calling
//! thread and returns its output, like Python's `loop.run_until_complete(coroutine)` or
//! tokio's `Runtime::block_on`.
//!
//! In lesson 03 you wrote `poll_to_end`, which polls in a loop with a waker that does
//! nothing: it works, but it burns a whole core while the future waits. `block_on` must
//! instead **sleep** until the future's waker is called, and poll again only then:
//!
//! 1. Make a waker for the calling thread: a struct that implements
//!    [`std::task::Wake`], turned into a [`Waker`] with `Waker::from(Arc::new(...))`.
//!    Calling the waker (from any thread, any number of times) must wake the thread that
//!    runs `block_on`: [`std::thread::Thread::unpark`] on that thread, which you get with
//!    [`std::thread::current`] when you create the waker (not when it is called: the
//!    waker is usually called from *another* thread).
//! 2. Pin the future (`std::pin::pin!`) and poll it with a [`Context`] made from that
//!    waker. `Ready(output)`: return the output.
//! 3. `Pending`: go to sleep ([`std::thread::park`]) until the waker has been called,
//!    then poll again.
//!
//! The rules the tests check:
//!
//! - **Polled exactly when woken.** A future is polled once at the start and then once
//!   per wake-up, never more: a future that is `Pending` once and woken once from
//!   another thread (100 ms later) is polled exactly twice. A `block_on` that polls again
//!   without a wake-up (a loop, or `park_timeout` used as a timer) busy-polls and fails.
//! - **No lost wake-up.** A future may call its waker *before* it returns `Pending`
//!   (while it is being polled, as tokio's `yield_now` does: "poll me again at once"),
//!   so the wake-up can come before `block_on` goes to sleep. It must not be lost: such
//!   a future, `Pending` 3 times, is polled exactly 4 times and `block_on` never hangs.
//!   Several wake-ups before `block_on` polls again count as one: a future that calls
//!   its waker 3 times during its first poll is polled exactly twice.
//!   `park`/`unpark` keep a token that makes this work; if you use a flag of your own
//!   (an `AtomicBool` or a `Mutex<bool>` with a `Condvar`), set it in the waker, and
//!   clear it before you poll, never after.
//! - Any future: an `async` block, a future that is not `Unpin`, a future woken by a
//!   clone of the waker, or by a waker dropped after waking.
//!
//! ```text
//! block_on(async { 6 * 7 }) == 42
//! let (sender, receiver) = futures::channel::oneshot::channel();
//! std::thread::spawn(move || sender.send("from another thread"));
//! block_on(receiver) == Ok("from another thread")
//! ```

use std::future::Future;
// begin solution
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
// starter:
// end solution

// begin solution
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
// starter:
// // A waker for the calling thread: a struct that implements `Wake`.
// end solution

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // begin solution: poll; on Pending park until the waker unparks this thread, then poll again
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
        // A wake-up that came during the poll has set the flag: no sleep then. The flag
        // also guards against `park` returning without an `unpark` (it may).
        while !thread_waker.woken.swap(false, Ordering::SeqCst) {
            thread::park();
        }
    }
    // end solution
}
