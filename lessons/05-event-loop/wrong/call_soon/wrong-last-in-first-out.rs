// Keeps the callbacks in a `Vec` and takes them with `pop`, from the end: the last one
// queued runs first.
//
// expect: failed
// message: first in, first out

use std::sync::Mutex;

/// A callback: called once, with the loop that runs it.
pub type Callback = Box<dyn FnOnce(&EventLoop) + Send>;

/// A queue of callbacks, run in turns.
pub struct EventLoop {
    queue: Mutex<Vec<Callback>>,
}

impl EventLoop {
    /// A loop with nothing queued.
    pub fn new() -> EventLoop {
        EventLoop {
            queue: Mutex::new(Vec::new()),
        }
    }

    /// Appends `callback` to the queue; it runs in a later turn, never inside this call.
    pub fn call_soon(&self, callback: impl FnOnce(&EventLoop) + Send + 'static) {
        self.queue.lock().unwrap().push(Box::new(callback));
    }

    /// Runs the callbacks queued when the turn starts, first in first out; returns how
    /// many it ran.
    pub fn run_once(&self) -> usize {
        let ready = self.queue.lock().unwrap().len();
        for _ in 0..ready {
            // The guard is a temporary: the lock is released before the call.
            let callback = self.queue.lock().unwrap().pop();
            if let Some(callback) = callback {
                callback(self);
            }
        }
        ready
    }

    /// Runs turns until the queue is empty; returns how many turns it ran.
    pub fn run_until_empty(&self) -> usize {
        let mut turns = 0;
        while self.run_once() > 0 {
            turns += 1;
        }
        turns
    }
}

impl Default for EventLoop {
    fn default() -> EventLoop {
        EventLoop::new()
    }
}
