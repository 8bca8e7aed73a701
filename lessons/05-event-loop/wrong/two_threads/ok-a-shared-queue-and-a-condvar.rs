// A `Mutex<VecDeque>` with a `Condvar` instead of a channel: a worker waits on the
// condvar while the queue is empty, pops one message, releases the lock and polls.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Wake, Waker};
use std::thread;

enum Message {
    Run(Arc<Task>),
    Stop,
}

#[derive(Default)]
struct Queue {
    messages: Mutex<VecDeque<Message>>,
    available: Condvar,
}

impl Queue {
    fn push(&self, message: Message) {
        self.messages.lock().unwrap().push_back(message);
        self.available.notify_one();
    }

    fn pop(&self) -> Message {
        let mut messages = self
            .available
            .wait_while(self.messages.lock().unwrap(), |messages| {
                messages.is_empty()
            })
            .unwrap();
        messages.pop_front().expect("not empty")
    }
}

struct Task {
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    queue: Arc<Queue>,
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.queue.push(Message::Run(self.clone()));
        }
    }
}

/// An executor with two worker threads.
pub struct Executor {
    queue: Arc<Queue>,
    workers: Vec<thread::JoinHandle<()>>,
}

/// The output of a spawned task. Dropping it detaches the task.
pub struct JoinHandle<T> {
    output: Receiver<T>,
}

impl Executor {
    /// Starts the two worker threads.
    pub fn new() -> Executor {
        let queue = Arc::new(Queue::default());
        let workers = (0..2)
            .map(|_| {
                let queue = queue.clone();
                thread::spawn(move || {
                    while let Message::Run(task) = queue.pop() {
                        task.queued.store(false, Ordering::SeqCst);
                        let waker = Waker::from(task.clone());
                        let mut cx = Context::from_waker(&waker);
                        let mut slot = task.future.lock().unwrap();
                        let ready = slot
                            .as_mut()
                            .is_some_and(|future| future.as_mut().poll(&mut cx).is_ready());
                        if ready {
                            *slot = None;
                        }
                    }
                })
            })
            .collect();
        Executor { queue, workers }
    }

    /// Sends `future` to the workers as a new task; returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (sender, output) = mpsc::sync_channel(1);
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(async move {
                let _ = sender.send(future.await);
            }))),
            queue: self.queue.clone(),
            queued: AtomicBool::new(true),
        });
        self.queue.push(Message::Run(task));
        JoinHandle { output }
    }

    /// Stops both workers and waits for them.
    pub fn shutdown(self) {
        for _ in &self.workers {
            self.queue.push(Message::Stop);
        }
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

impl Default for Executor {
    fn default() -> Executor {
        Executor::new()
    }
}

impl<T> JoinHandle<T> {
    /// Blocks until the task has finished; its output.
    pub fn join(self) -> T {
        self.output
            .recv()
            .expect("the task was dropped before it finished")
    }
}
