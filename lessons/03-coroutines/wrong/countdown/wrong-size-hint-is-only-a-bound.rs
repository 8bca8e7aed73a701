// Answers `size_hint` with only an upper bound, `(0, Some(left))`, as if the number of
// values left were unknown; `len()` then panics and `collect` cannot allocate once.
//
// expect: failed
// message: exactly 4 values are left

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    next: u32,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown { next: from }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.next == 0 {
            return None;
        }
        let value = self.next;
        self.next -= 1;
        Some(value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.next as usize))
    }
}

impl ExactSizeIterator for Countdown {}
