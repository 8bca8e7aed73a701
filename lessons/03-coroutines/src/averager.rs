//! # A running averager: `send(x)` returns the average
//!
//! Write [`Averager`], the classic coroutine that both consumes and produces: every value
//! sent in gives back the average of all the values sent so far.
//!
//! ```text
//! def averager():
//!     total, count, average = 0.0, 0, None
//!     while True:
//!         term = yield average     # hand out the average, wait for the next value
//!         total += term
//!         count += 1
//!         average = total / count
//!
//! avg = averager(); next(avg)
//! avg.send(10)   # 10.0
//! avg.send(30)   # 20.0
//! avg.send(5)    # 15.0
//! ```
//!
//! In Rust:
//!
//! - [`Averager::new`] is a fresh averager (no priming step needed in Rust: there is no
//!   body to run up to a first `yield`, the struct *is* the suspended state);
//! - [`Averager::send`]`(x)` takes a value and returns the average of every value sent so
//!   far, `x` included;
//! - [`Averager::close`] ends the coroutine and returns its final result: the last
//!   average, or `None` if nothing was sent. It takes `self` by value, so a `send` after
//!   `close` does not compile: the type system does the check that Python makes at run
//!   time.
//!
//! The averager runs for as long as values come: a million of them, or more. Each `send`
//! must take the same short time, however many values came before it, so do not sum all
//! the values again on every send. What the averager needs to remember between two sends
//! is two numbers, not a list of the values: the memory it holds must not grow with the
//! number of values sent.
//!
//! ```text
//! let mut avg = Averager::new();
//! avg.send(10.0) == 10.0
//! avg.send(30.0) == 20.0
//! avg.send(5.0) == 15.0
//! avg.close() == Some(15.0)
//! ```

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    // The fields you need: what the averager remembers between two sends.
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        todo!("nothing sent yet")
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        todo!("update the running total and count, return their quotient")
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        todo!("the last average, if there is one")
    }
}
