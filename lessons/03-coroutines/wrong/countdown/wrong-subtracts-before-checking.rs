// Steps the number down before it checks for the end, so the call after the last
// value computes `0 - 1` on a `u32` and panics with an overflow.
//
// expect: failed
// message: attempt to subtract with overflow

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
        let value = self.next;
        self.next -= 1;
        if value == 0 { None } else { Some(value) }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.next as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Countdown {}
