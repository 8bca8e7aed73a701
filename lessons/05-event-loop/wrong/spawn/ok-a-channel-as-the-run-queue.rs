// The run queue is an `mpsc` channel (as in tokio's "mini-tokio" tutorial): a task's
// waker sends the task, `run` receives with `try_recv` until the channel is empty. The
// task and its handle share an `Arc<Mutex<(Option<T>, Option<Waker>)>>`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type Shared<T> = Arc<Mutex<(Option<T>, Option<Waker>)>>;

struct Task {
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    sender: Sender<Arc<Task>>,
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            let _ = self.sender.send(self.clone());
        }
    }
}

/// A single-threaded executor: a run queue of tasks.
pub struct Executor {
    sender: Sender<Arc<Task>>,
    receiver: Receiver<Arc<Task>>,
}

/// The output of a spawned task, as a future. Dropping it detaches the task.
pub struct JoinHandle<T> {
    shared: Shared<T>,
}

impl Executor {
    /// An executor with no task.
    pub fn new() -> Executor {
        let (sender, receiver) = mpsc::channel();
        Executor { sender, receiver }
    }

    /// Queues `future` as a new task (without polling it) and returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let shared: Shared<F::Output> = Arc::new(Mutex::new((None, None)));
        let theirs = shared.clone();
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(async move {
                let output = future.await;
                let waker = {
                    let mut guard = theirs.lock().unwrap();
                    guard.0 = Some(output);
                    guard.1.take()
                };
                if let Some(waker) = waker {
                    waker.wake();
                }
            }))),
            sender: self.sender.clone(),
            queued: AtomicBool::new(true),
        });
        let _ = self.sender.send(task);
        JoinHandle { shared }
    }

    /// Polls the queued tasks, each with its own waker, until the run queue is empty.
    pub fn run(&self) {
        while let Ok(task) = self.receiver.try_recv() {
            task.queued.store(false, Ordering::SeqCst);
            let waker = Waker::from(task.clone());
            let mut cx = Context::from_waker(&waker);
            let mut future = task.future.lock().unwrap();
            let finished = match future.as_mut() {
                Some(running) => running.as_mut().poll(&mut cx).is_ready(),
                None => false,
            };
            if finished {
                *future = None;
            }
        }
    }
}

impl Default for Executor {
    fn default() -> Executor {
        Executor::new()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut guard = self.shared.lock().unwrap();
        if let Some(output) = guard.0.take() {
            return Poll::Ready(output);
        }
        guard.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}
