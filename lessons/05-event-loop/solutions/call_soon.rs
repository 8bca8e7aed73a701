//! # The loop as a queue of callbacks: `call_soon` and `run_until_empty`
//!
//! Write [`EventLoop`], the heart of asyncio's event loop before any future or coroutine:
//! a queue of callbacks, run one after another.
//!
//! ```text
//! loop = asyncio.new_event_loop()
//! loop.call_soon(print, "first")
//! loop.call_soon(print, "second")
//! loop.run_forever()   # first, second (and a callback may call_soon more)
//! ```
//!
//! - [`EventLoop::call_soon`]`(callback)` only **appends** the callback to the queue and
//!   returns. It never runs it, not even when it is called from inside a running
//!   callback: running it there would run it *re-entrantly*, in the middle of the caller,
//!   before the callbacks already queued.
//! - [`EventLoop::run_once`] runs one **turn** of the loop: the callbacks that were in the
//!   queue when the turn started, in the order they were queued (first in, first out).
//!   A callback queued during the turn (by a callback) waits for the next turn. It
//!   returns how many callbacks it ran.
//! - [`EventLoop::run_until_empty`] runs turns until the queue is empty and returns how
//!   many turns it ran (0 for an empty queue).
//!
//! Every callback gets `&EventLoop`, so it can `call_soon` more callbacks. The loop is
//! shared with callbacks while it runs them, so the queue sits behind a [`Mutex`] (the
//! callbacks are `Send`, and the loop can be used from any thread). Never run a callback
//! while you hold the queue's lock: the callback's own `call_soon` would wait for that
//! lock forever (a deadlock). Take the callback out, release the lock, then call it.
//!
//! ```text
//! let event_loop = EventLoop::new();
//! event_loop.call_soon(|l| { log("a"); l.call_soon(|_| log("c")); });
//! event_loop.call_soon(|_| log("b"));
//! event_loop.run_once() == 2          // a, b; "c" was queued during the turn
//! event_loop.run_until_empty() == 1   // c
//! // the log: a, b, c
//! ```

use std::collections::VecDeque;
use std::sync::Mutex;

/// A callback: called once, with the loop that runs it.
pub type Callback = Box<dyn FnOnce(&EventLoop) + Send>;

/// A queue of callbacks, run in turns.
pub struct EventLoop {
    // begin solution
    queue: Mutex<VecDeque<Callback>>,
    // starter:
    // // The fields you need: the queue of callbacks, behind a `Mutex`.
    // end solution
}

impl EventLoop {
    /// A loop with nothing queued.
    pub fn new() -> EventLoop {
        // begin solution: an empty queue
        EventLoop {
            queue: Mutex::new(VecDeque::new()),
        }
        // end solution
    }

    /// Appends `callback` to the queue; it runs in a later turn, never inside this call.
    pub fn call_soon(&self, callback: impl FnOnce(&EventLoop) + Send + 'static) {
        // begin solution: push it at the back, nothing else
        self.queue.lock().unwrap().push_back(Box::new(callback));
        // end solution
    }

    /// Runs the callbacks queued when the turn starts, first in first out; returns how
    /// many it ran.
    pub fn run_once(&self) -> usize {
        // begin solution: count what is queued now, then pop and run that many, unlocked
        let ready = self.queue.lock().unwrap().len();
        for _ in 0..ready {
            // The guard is a temporary: the lock is released before the call.
            let callback = self.queue.lock().unwrap().pop_front();
            if let Some(callback) = callback {
                callback(self);
            }
        }
        ready
        // end solution
    }

    /// Runs turns until the queue is empty; returns how many turns it ran.
    pub fn run_until_empty(&self) -> usize {
        // begin solution: turn after turn while something is queued
        let mut turns = 0;
        while self.run_once() > 0 {
            turns += 1;
        }
        turns
        // end solution
    }
}

impl Default for EventLoop {
    fn default() -> EventLoop {
        EventLoop::new()
    }
}
