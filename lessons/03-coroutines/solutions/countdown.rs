//! # A countdown generator as an `Iterator` struct
//!
//! Write [`Countdown`], the Python generator `countdown(n)` as a Rust `Iterator`: a
//! struct that holds the generator's state, and a `next` that runs the generator to its
//! next `yield`.
//!
//! ```text
//! def countdown(n):
//!     while n > 0:
//!         yield n
//!         n -= 1
//! ```
//!
//! Rust has no stable `yield` (`gen` blocks are nightly-only), so you write what the
//! compiler would have generated: a struct that holds the generator's state (the local
//! variables that live across a `yield`) and an [`Iterator::next`] that runs the body up
//! to the next `yield`, returns that value and remembers where it stopped.
//!
//! - [`Countdown::new`]`(from)` creates the generator and computes nothing yet;
//! - `next` yields `from`, `from - 1`, …, `1`, then `None`; `Countdown::new(0)` yields
//!   nothing;
//! - a finished countdown stays finished: every later `next` returns `None` (and must
//!   not panic: careful with `0 - 1` on an unsigned integer);
//! - `size_hint` tells exactly how many values are left, so that [`ExactSizeIterator`]
//!   (`len()`) is true and `collect` can allocate once.
//!
//! `Countdown` derives `Copy`: its whole state is a few numbers, as a generator's state
//! should be (no list of the values to come: `Vec` and `Range` are not `Copy`). A copy
//! taken half-way is a second generator that resumes at the same point, independently,
//! which is something a Python generator cannot do.
//!
//! ```text
//! Countdown::new(3).collect::<Vec<_>>() == vec![3, 2, 1]
//! let mut countdown = Countdown::new(2);
//! countdown.len() == 2; countdown.next() == Some(2); countdown.len() == 1
//! ```

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    // begin solution
    /// The next value to yield; 0 once the countdown is over.
    next: u32,
    // starter:
    // // The state of the generator: the fields you need.
    // end solution
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        // begin solution: store the state the generator starts in
        Countdown { next: from }
        // end solution
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        // begin solution: yield the current value and step the state down, or end
        if self.next == 0 {
            return None;
        }
        let value = self.next;
        self.next -= 1;
        Some(value)
        // end solution
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // begin solution: exactly the number of values left, as (lower, Some(upper))
        let left = self.next as usize;
        (left, Some(left))
        // end solution
    }
}

impl ExactSizeIterator for Countdown {}
