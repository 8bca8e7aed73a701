// A turn pops and runs callbacks until the queue is empty, so a callback queued during
// the turn runs in the same turn: one turn does everything, and no turn is ever "the
// callbacks that were ready when it started".
//
// expect: failed
// message: c belongs to the NEXT turn

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
        let mut ran = 0;
        loop {
            let callback = self.queue.lock().unwrap().pop_front();
            let Some(callback) = callback else {
                return ran;
            };
            callback(self);
            ran += 1;
        }
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
