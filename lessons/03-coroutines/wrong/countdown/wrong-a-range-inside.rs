// Delegates to a reversed range, `(1..=from).rev()`: a list of what is to come instead
// of the generator's own state. A range is not `Copy`, so the `Copy` the task asks for
// does not compile.
//
// expect: compile_error
// message: the trait `Copy` cannot be implemented for this type

use std::iter::Rev;
use std::ops::RangeInclusive;

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    values: Rev<RangeInclusive<u32>>,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown {
            values: (1..=from).rev(),
        }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        self.values.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.values.size_hint()
    }
}

impl ExactSizeIterator for Countdown {}
