// A `Mutex<bool>` and a `Condvar` instead of park/unpark: the waker sets the flag under
// the lock and notifies; `block_on` waits while the flag is false and clears it, under
// the same lock, before the next poll. No wake-up can slip between the check and the
// wait.

use std::future::Future;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

struct Signal {
    woken: Mutex<bool>,
    condvar: Condvar,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        *self.woken.lock().unwrap() = true;
        self.condvar.notify_one();
    }
}

/// Runs `future` to completion on the calling thread and returns its output, sleeping
/// (never spinning) while the future is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let signal = Arc::new(Signal {
        woken: Mutex::new(false),
        condvar: Condvar::new(),
    });
    let waker = Waker::from(signal.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        let mut woken = signal
            .condvar
            .wait_while(signal.woken.lock().unwrap(), |woken| !*woken)
            .unwrap();
        *woken = false;
    }
}
