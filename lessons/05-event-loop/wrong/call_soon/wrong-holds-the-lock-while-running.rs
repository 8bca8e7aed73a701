// Locks the queue once per turn and runs the callbacks with the guard held: the first
// callback that calls `call_soon` waits for that lock, which its own loop holds, forever.
//
// expect: failed
// message: is the queue's lock held while a callback runs

use std::collections::VecDeque;
use std::sync::Mutex;

/// A callback: called once, with the loop that runs it.
pub type Callback = Box<dyn FnOnce(&EventLoop) + Send>;

/// A queue of callbacks, run in turns.
pub struct EventLoop {
    queue: Mutex<VecDeque<Callback>>,
}

impl EventLoop {
    /// A loop with nothing queued.
    pub fn new() -> EventLoop {
        EventLoop {
            queue: Mutex::new(VecDeque::new()),
        }
    }

    /// Appends `callback` to the queue; it runs in a later turn, never inside this call.
    pub fn call_soon(&self, callback: impl FnOnce(&EventLoop) + Send + 'static) {
        self.queue.lock().unwrap().push_back(Box::new(callback));
    }

    /// Runs the callbacks queued when the turn starts, first in first out; returns how
    /// many it ran.
    pub fn run_once(&self) -> usize {
        let mut queue = self.queue.lock().unwrap();
        let ready = queue.len();
        for _ in 0..ready {
            if let Some(callback) = queue.pop_front() {
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
