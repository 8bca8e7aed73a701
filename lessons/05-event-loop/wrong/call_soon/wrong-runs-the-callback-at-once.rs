// `call_soon` calls the callback right away ("soon" is "now"): a callback that calls
// `call_soon` then runs the new one re-entrantly, in the middle of itself, before the
// callbacks already queued.
//
// expect: failed
// message: call_soon ran the callback at once

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
        callback(self);
    }

    /// Runs the callbacks queued when the turn starts, first in first out; returns how
    /// many it ran.
    pub fn run_once(&self) -> usize {
        let ready = self.queue.lock().unwrap().len();
        for _ in 0..ready {
            // The guard is a temporary: the lock is released before the call.
            let callback = self.queue.lock().unwrap().pop_front();
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
