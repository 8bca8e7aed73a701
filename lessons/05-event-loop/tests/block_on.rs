//! Exercise `block_on`: an executor that polls exactly when woken and sleeps in between.
//!
//! Each call runs on a watchdog thread of its own (a hang fails in seconds, with advice,
//! and no wake-up token is left from one call to the next). Probe futures count their
//! polls: "polled exactly when woken" is a number, not a timing.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use lesson_05_event_loop::block_on::block_on;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

/// Far above what a correct solution needs (milliseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(1);

/// How long the helper thread waits before it wakes the future: time enough for a
/// spinning `block_on` to poll again, and to be caught doing it.
const WAKE_DELAY: Duration = Duration::from_millis(100);

/// `Pending` `pending` times, waking itself *during* each of those polls (as tokio's
/// `yield_now` does), then ready with the number of polls.
struct WakesItself {
    pending: u32,
    polls: u32,
}

impl Future for WakesItself {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.pending == 0 {
            return Poll::Ready(self.polls);
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// `Pending` at the first poll, which hands the waker to a helper thread; the helper
/// waits `WAKE_DELAY` (or less, if the future is polled again before: it is then caught
/// spinning), makes the future ready and wakes it once, by value, from its own thread.
/// Ready with the number of polls.
struct WokenFromAnotherThread {
    polls: Arc<AtomicUsize>,
    ready: Arc<AtomicUsize>,
    polled_again: Option<mpsc::Sender<()>>,
}

impl WokenFromAnotherThread {
    fn new() -> WokenFromAnotherThread {
        WokenFromAnotherThread {
            polls: Arc::default(),
            ready: Arc::default(),
            polled_again: None,
        }
    }
}

impl Future for WokenFromAnotherThread {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        if self.ready.load(Ordering::SeqCst) == 1 {
            return Poll::Ready(polls);
        }
        match &self.polled_again {
            None => {
                let (sender, receiver) = mpsc::channel();
                self.polled_again = Some(sender);
                let waker = cx.waker().clone();
                let ready = self.ready.clone();
                thread::spawn(move || {
                    let _ = receiver.recv_timeout(WAKE_DELAY);
                    ready.store(1, Ordering::SeqCst);
                    waker.wake();
                });
            }
            Some(sender) => {
                let _ = sender.send(());
            }
        }
        Poll::Pending
    }
}

#[graded::test]
fn returns_the_output_of_a_ready_future() {
    let output = within(LIMIT, "block_on(async { 6 * 7 })", || {
        block_on(async { 6 * 7 })
    });
    assert_eq!(output, 42, "block_on returns what the future returns");
    let polls = within(LIMIT, "block_on of a ready future", || {
        block_on(WakesItself {
            pending: 0,
            polls: 0,
        })
    });
    assert_eq!(polls, 1, "a future that is ready at once is polled once");
}

#[graded::test]
fn a_wake_during_poll_is_not_lost() {
    let polls = within(
        LIMIT,
        "block_on of a future that calls its waker while it is being polled, then returns \
         `Pending` (3 times): a lost wake-up. That wake-up comes before block_on goes to \
         sleep, and must still count. `thread::park` keeps the token of an earlier \
         `unpark`; a flag of your own must be set by the waker and cleared before the \
         poll, never after it; and a `Condvar` forgets a `notify` that nobody was waiting \
         for (keep a flag under its mutex)",
        || {
            block_on(WakesItself {
                pending: 3,
                polls: 0,
            })
        },
    );
    assert_eq!(
        polls, 4,
        "a future `Pending` 3 times, each time woken, must be polled 4 times: once at the \
         start and once per wake-up"
    );
}

#[graded::test]
fn woken_once_from_another_thread_is_polled_exactly_twice() {
    let future = WokenFromAnotherThread::new();
    let polls = future.polls.clone();
    let output = within(
        LIMIT,
        "block_on of a future woken once from another thread (100 ms later). Does the \
         waker unpark the thread that runs block_on (`thread::current()` taken when the \
         waker is created, not when it is called: it is called from the other thread)?",
        move || block_on(future),
    );
    let polls = polls.load(Ordering::SeqCst);
    assert!(
        polls <= 2,
        "block_on polled the future {polls} times, though it was woken only once: it \
         busy-polls (polls again without a wake-up, in a loop or on a timer). Poll once, \
         then sleep with `thread::park()` until the waker has been called"
    );
    assert_eq!(
        output, 2,
        "polled once at the start and once after the wake-up: exactly twice"
    );
}

#[graded::test]
fn runs_futures_that_are_not_unpin() {
    let output = within(
        LIMIT,
        "block_on of an async block awaiting a channel filled from another thread",
        || {
            let (sender, receiver) = futures::channel::oneshot::channel();
            let helper = thread::spawn(move || sender.send("from another thread"));
            let output = block_on(async move {
                let message = receiver.await.expect("the helper thread sends a message");
                let polls = WakesItself {
                    pending: 2,
                    polls: 0,
                }
                .await;
                format!("{message}, after {polls} polls")
            });
            helper.join().unwrap().unwrap();
            output
        },
    );
    assert_eq!(
        output, "from another thread, after 3 polls",
        "an async block (not `Unpin`: pin it with `std::pin::pin!`) that awaits a channel, \
         then a future woken 2 times"
    );
}

#[graded::test]
fn many_wake_ups_during_one_poll_cost_one_more_poll() {
    struct WakesThreeTimes(u32);
    impl Future for WakesThreeTimes {
        type Output = u32;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            self.0 += 1;
            if self.0 > 1 {
                return Poll::Ready(self.0);
            }
            for _ in 0..3 {
                cx.waker().wake_by_ref();
            }
            Poll::Pending
        }
    }
    let polls = within(
        LIMIT,
        "block_on of a future that wakes itself 3 times in one poll",
        || block_on(WakesThreeTimes(0)),
    );
    assert_eq!(
        polls, 2,
        "three wake-ups before block_on sleeps mean \"poll again\", once: the future is \
         ready at the second poll"
    );
}
