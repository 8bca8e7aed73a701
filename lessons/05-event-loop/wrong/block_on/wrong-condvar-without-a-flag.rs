// Sleeps on a `Condvar` that the waker notifies, with no flag: a `notify_one` when nobody
// is waiting yet is simply lost. A future that wakes itself during its poll (or is woken
// before `block_on` starts waiting) is never polled again: a lost wake-up.
//
// expect: failed
// message: lost wake-up

use std::future::Future;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// Wakes the thread that runs `block_on`.
struct Notifier {
    lock: Mutex<()>,
    condvar: Condvar,
}

impl Wake for Notifier {
    fn wake(self: Arc<Self>) {
        self.condvar.notify_one();
    }
}

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let notifier = Arc::new(Notifier {
        lock: Mutex::new(()),
        condvar: Condvar::new(),
    });
    let waker = Waker::from(notifier.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        let guard = notifier.lock.lock().unwrap();
        drop(notifier.condvar.wait(guard).unwrap());
    }
}
