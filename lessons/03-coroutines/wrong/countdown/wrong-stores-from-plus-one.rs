// Stores `from + 1` and decrements before yielding (Python's pre-decrement habit), so a
// countdown from `u32::MAX` overflows in `new`.
//
// expect: failed
// message: attempt to add with overflow

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// One more than the next value to yield; 1 once the countdown is over.
    above: u32,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown { above: from + 1 }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.above <= 1 {
            return None;
        }
        self.above -= 1;
        Some(self.above)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.above as usize - 1;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Countdown {}
