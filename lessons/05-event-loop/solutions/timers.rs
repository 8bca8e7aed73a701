//! # Timers on a virtual clock
//!
//! Add timers to an executor, as asyncio's loop has them (`asyncio.sleep`, `call_later`),
//! on a **virtual clock**: time that moves only when the loop moves it. This is what
//! tokio's paused clock does in the tests of this course: a test that sleeps for an hour
//! takes no real time.
//!
//! Given (read it, it is the executor of the exercise `spawn` without `JoinHandle`s):
//! [`Runtime::spawn`], the tasks and their wakers, and [`Runtime::run_ready`], which polls
//! the ready tasks until the run queue is empty.
//!
//! Asked:
//!
//! - [`Runtime::now`]: the virtual time since the runtime was created. It starts at zero
//!   and changes only when `run` moves it.
//! - [`Runtime::sleep`]`(duration)`: a [`Sleep`] future, due at the **deadline**
//!   `now() + duration` (computed when `sleep` is called). [`Sleep`]'s `poll` is `Ready`
//!   once `now()` has reached the deadline (`sleep(Duration::ZERO)` is ready at once);
//!   otherwise it registers a **timer**, the pair (deadline, waker), with the runtime,
//!   and returns `Pending`.
//! - [`Runtime::run`]: runs until no task is ready and no timer is left: run the ready
//!   tasks (`run_ready`); then, when no task is ready, **jump** the clock to the earliest
//!   deadline of the timers (set it to that deadline, do not add it) and wake the timers
//!   that are due then (deadline ≤ now), and only those; repeat. When no task is ready
//!   and no timer is left, return. The clock never moves while a task is ready.
//! - Ten tasks that each sleep 1 s at the same time all finish at 1 s (`now()` is 1 s
//!   at the end); one task that sleeps 1 s ten times in a row sees the clock at 1, 2,
//!   …, 10 s after its sleeps.
//! - Never wait in real time (`std::thread::sleep`): the virtual clock jumps, so hours of
//!   sleeps take microseconds. And never hold a lock while you call a waker: a waker
//!   locks the run queue.
//!
//! ```text
//! let runtime = Runtime::new();
//! for seconds in [30, 10, 20] {
//!     let handle = runtime.clone();
//!     runtime.spawn(async move {
//!         handle.sleep(Duration::from_secs(seconds)).await;
//!         println!("{seconds} s slept, now {:?}", handle.now());
//!     });
//! }
//! runtime.run();   // "10 s slept, now 10s", then 20, then 30, at once in real time
//! runtime.now() == Duration::from_secs(30)
//! ```

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// A single-threaded executor with a virtual clock. Cheap to clone: clones share it.
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
}

/// What the runtime, its tasks and its timers share.
struct Shared {
    /// The tasks ready to be polled.
    queue: Mutex<VecDeque<Arc<Task>>>,
    // begin solution
    /// The virtual time since the runtime was created.
    now: Mutex<Duration>,
    /// The registered timers: (deadline, waker).
    timers: Mutex<Vec<(Duration, Waker)>>,
    // starter:
    // // The fields you need: the virtual clock and the timers.
    // end solution
}

/// A spawned future and its way back into the run queue (given).
struct Task {
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    shared: Arc<Shared>,
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.shared.queue.lock().unwrap().push_back(self.clone());
        }
    }
}

/// A future that is ready once the runtime's virtual clock reaches its deadline.
pub struct Sleep {
    // begin solution
    shared: Arc<Shared>,
    deadline: Duration,
    // starter:
    // // The fields you need.
    // end solution
}

impl Runtime {
    /// A runtime with no task and no timer, its clock at zero.
    pub fn new() -> Runtime {
        Runtime {
            shared: Arc::new(Shared {
                queue: Mutex::default(),
                // begin solution
                now: Mutex::new(Duration::ZERO),
                timers: Mutex::default(),
                // starter:
                // // Your fields.
                // end solution
            }),
        }
    }

    /// Queues `future` as a new task (given).
    pub fn spawn(&self, future: impl Future<Output = ()> + Send + 'static) {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(future))),
            shared: self.shared.clone(),
            queued: AtomicBool::new(true),
        });
        self.shared.queue.lock().unwrap().push_back(task);
    }

    /// Polls the ready tasks until the run queue is empty (given). The clock does not
    /// move.
    pub fn run_ready(&self) {
        loop {
            let task = self.shared.queue.lock().unwrap().pop_front();
            let Some(task) = task else {
                return;
            };
            task.queued.store(false, Ordering::SeqCst);
            let waker = Waker::from(task.clone());
            let mut cx = Context::from_waker(&waker);
            let mut slot = task.future.lock().unwrap();
            if let Some(future) = slot.as_mut() {
                if future.as_mut().poll(&mut cx).is_ready() {
                    *slot = None;
                }
            }
        }
    }

    /// The virtual time since the runtime was created.
    pub fn now(&self) -> Duration {
        // begin solution: read the clock
        *self.shared.now.lock().unwrap()
        // end solution
    }

    /// A future ready at the virtual time `now() + duration`.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        // begin solution: the deadline is computed now
        Sleep {
            shared: self.shared.clone(),
            deadline: self.now() + duration,
        }
        // end solution
    }

    /// Runs the tasks; when none is ready, jumps the clock to the earliest timer and wakes
    /// the timers due; returns when no task is ready and no timer is left.
    pub fn run(&self) {
        // begin solution: run the ready tasks; then jump to the earliest deadline and wake what is due
        loop {
            self.run_ready();
            let due = {
                let mut timers = self.shared.timers.lock().unwrap();
                let Some(earliest) = timers.iter().map(|(deadline, _)| *deadline).min() else {
                    return;
                };
                let mut now = self.shared.now.lock().unwrap();
                *now = (*now).max(earliest);
                let now = *now;
                let (due, later): (Vec<_>, Vec<_>) =
                    timers.drain(..).partition(|(deadline, _)| *deadline <= now);
                *timers = later;
                due
            };
            // The locks are released: a waker locks the run queue.
            for (_, waker) in due {
                waker.wake();
            }
        }
        // end solution
    }
}

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // begin solution: ready at the deadline; otherwise register a timer and wait
        if *self.shared.now.lock().unwrap() >= self.deadline {
            return Poll::Ready(());
        }
        self.shared
            .timers
            .lock()
            .unwrap()
            .push((self.deadline, cx.waker().clone()));
        Poll::Pending
        // end solution
    }
}
