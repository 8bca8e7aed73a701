// Leaves out the `Send` bounds of `spawn` (and of the boxed future): the task goes to
// another thread through the channel, so the worker threads do not compile.
//
// expect: compile_error
// message: cannot be sent between threads safely

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::thread;

/// What the workers receive.
enum Message {
    Run(Arc<Task>),
    Stop,
}

/// A spawned future and its way back into the channel.
struct Task {
    /// `None` once the future has completed.
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()>>>>>,
    sender: Sender<Message>,
    /// In the channel already: a wake-up has nothing more to do.
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            // The executor may be shut down: the task is then dropped.
            let _ = self.sender.send(Message::Run(self.clone()));
        }
    }
}

/// A worker: takes one message at a time, lock released before it polls.
fn work(receiver: Arc<Mutex<Receiver<Message>>>) {
    loop {
        let message = receiver.lock().unwrap().recv();
        let Ok(Message::Run(task)) = message else {
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

/// An executor with two worker threads.
pub struct Executor {
    sender: Sender<Message>,
    workers: Vec<thread::JoinHandle<()>>,
}

/// The output of a spawned task. Dropping it detaches the task.
pub struct JoinHandle<T> {
    output: Receiver<T>,
}

impl Executor {
    /// Starts the two worker threads.
    pub fn new() -> Executor {
        let (sender, receiver) = mpsc::channel();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..2)
            .map(|_| {
                let receiver = receiver.clone();
                thread::spawn(move || work(receiver))
            })
            .collect();
        Executor { sender, workers }
    }

    /// Sends `future` to the workers as a new task; returns its handle.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: Send + 'static,
    {
        let (output, receiver) = mpsc::sync_channel(1);
        let wrapped = async move {
            // The handle may have been dropped (detached): the output is then thrown away.
            let _ = output.send(future.await);
        };
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(wrapped))),
            sender: self.sender.clone(),
            queued: AtomicBool::new(true),
        });
        let _ = self.sender.send(Message::Run(task));
        JoinHandle { output: receiver }
    }

    /// Stops both workers and waits for them.
    pub fn shutdown(self) {
        for _ in &self.workers {
            let _ = self.sender.send(Message::Stop);
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
    ///
    /// # Panics
    ///
    /// If the task was dropped before it finished (it panicked, or the executor was shut
    /// down).
    pub fn join(self) -> T {
        self.output
            .recv()
            .expect("the task was dropped before it finished")
    }
}
