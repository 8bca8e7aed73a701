// `Sleep::poll` moves the clock to its deadline and returns `Ready`, "sleeping is moving
// the clock": the first sleep polled (30 s) takes the clock to 30 s, and the others,
// polled later, find it past their deadlines.
//
// expect: failed
// message: it does not move the clock

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
    /// The virtual time since the runtime was created.
    now: Mutex<Duration>,
    /// The registered timers: (deadline, waker).
    timers: Mutex<Vec<(Duration, Waker)>>,
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
    shared: Arc<Shared>,
    deadline: Duration,
}

impl Runtime {
    /// A runtime with no task and no timer, its clock at zero.
    pub fn new() -> Runtime {
        Runtime {
            shared: Arc::new(Shared {
                queue: Mutex::default(),
                now: Mutex::new(Duration::ZERO),
                timers: Mutex::default(),
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
        *self.shared.now.lock().unwrap()
    }

    /// A future ready at the virtual time `now() + duration`.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        Sleep {
            shared: self.shared.clone(),
            deadline: self.now() + duration,
        }
    }

    /// Runs the tasks; when none is ready, jumps the clock to the earliest timer and wakes
    /// the timers due; returns when no task is ready and no timer is left.
    pub fn run(&self) {
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
        let _ = cx;
        let mut now = self.shared.now.lock().unwrap();
        *now = (*now).max(self.deadline);
        Poll::Ready(())
    }
}
