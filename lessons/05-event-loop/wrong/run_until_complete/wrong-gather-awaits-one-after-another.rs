// `gather` polls only the first unfinished future, and the next one once it is done: the
// futures are awaited one after another, and the lecture's 2 s + 1 s take 3 s.
//
// expect: failed
// message: the futures were awaited one after another

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

struct Shared {
    queue: Mutex<VecDeque<Arc<Task>>>,
    now: Mutex<Duration>,
    timers: Mutex<Vec<(Duration, Waker)>>,
}

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

/// The output of a spawned task, as a future (`Unpin`). Dropping it detaches the task.
pub struct JoinHandle<T> {
    state: Arc<Mutex<(Option<T>, Option<Waker>)>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.state.lock().unwrap();
        match state.0.take() {
            Some(output) => Poll::Ready(output),
            None => {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A future ready once the runtime's virtual clock reaches its deadline.
pub struct Sleep {
    shared: Arc<Shared>,
    deadline: Duration,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if *self.shared.now.lock().unwrap() >= self.deadline {
            return Poll::Ready(());
        }
        let waker = cx.waker().clone();
        self.shared
            .timers
            .lock()
            .unwrap()
            .push((self.deadline, waker));
        Poll::Pending
    }
}

impl Runtime {
    /// A runtime with no task and no timer, its clock at zero.
    pub fn new() -> Runtime {
        Runtime {
            shared: Arc::new(Shared {
                queue: Mutex::default(),
                now: Mutex::default(),
                timers: Mutex::default(),
            }),
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

    /// Queues `future` as a new task (asyncio's `create_task`) and returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let state = Arc::new(Mutex::new((None, None)));
        let shared = state.clone();
        let wrapped = async move {
            let output = future.await;
            let waker: Option<Waker> = {
                let mut state = shared.lock().unwrap();
                state.0 = Some(output);
                state.1.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        };
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(wrapped))),
            shared: self.shared.clone(),
            queued: AtomicBool::new(true),
        });
        self.shared.queue.lock().unwrap().push_back(task);
        JoinHandle { state }
    }

    /// Polls the ready tasks until the run queue is empty. The clock does not move.
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

    /// Whether a task is ready (on the run queue).
    pub fn has_ready_tasks(&self) -> bool {
        !self.shared.queue.lock().unwrap().is_empty()
    }

    /// Jumps the clock to the earliest timer and wakes the timers due then; `false` (and
    /// nothing changes) when there is no timer.
    pub fn advance_clock(&self) -> bool {
        let due = {
            let mut timers = self.shared.timers.lock().unwrap();
            let Some(earliest) = timers.iter().map(|(deadline, _)| *deadline).min() else {
                return false;
            };
            let mut now = self.shared.now.lock().unwrap();
            *now = (*now).max(earliest);
            let now = *now;
            let (due, later): (Vec<_>, Vec<_>) =
                timers.drain(..).partition(|(deadline, _)| *deadline <= now);
            *timers = later;
            due
        };
        for (_, waker) in due {
            waker.wake();
        }
        true
    }

    /// Runs the loop until `future` completes, and returns its output. Panics with a
    /// message that starts with `deadlock` when nothing is left that could wake it.
    pub fn run_until_complete<F: Future>(&self, future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let flag = Arc::new(WokenFlag(AtomicBool::new(true)));
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        loop {
            if flag.0.swap(false, Ordering::SeqCst) {
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
                continue;
            }
            if self.has_ready_tasks() {
                self.run_ready();
            } else if !self.advance_clock() {
                panic!(
                    "deadlock: the future given to run_until_complete is pending and nothing \
                     is left to wake it: no task is ready and no timer is pending"
                );
            }
        }
    }
}

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}

/// The waker of the future given to `run_until_complete`: it only records the wake-up.
struct WokenFlag(AtomicBool);

impl Wake for WokenFlag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// The future of [`gather`]: all the outputs, in the order of the input.
pub struct Gather<F: Future> {
    futures: Vec<F>,
    outputs: Vec<Option<F::Output>>,
}

// The outputs are never pinned (only moved out), so `Gather` may move even when they are
// not `Unpin`; this lets `poll` use `Pin::get_mut`.
impl<F: Future + Unpin> Unpin for Gather<F> {}

/// One future of the outputs of all `futures`, in their order, polled together.
pub fn gather<F: Future + Unpin>(futures: Vec<F>) -> Gather<F> {
    let outputs = futures.iter().map(|_| None).collect();
    Gather { futures, outputs }
}

impl<F: Future + Unpin> Future for Gather<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        let this = self.get_mut();
        for (future, output) in this.futures.iter_mut().zip(this.outputs.iter_mut()) {
            if output.is_none() {
                match Pin::new(future).poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => return Poll::Pending,
                }
            }
        }
        if this.outputs.iter().any(Option::is_none) {
            return Poll::Pending;
        }
        Poll::Ready(
            this.outputs
                .iter_mut()
                .map(|output| output.take().unwrap())
                .collect(),
        )
    }
}
