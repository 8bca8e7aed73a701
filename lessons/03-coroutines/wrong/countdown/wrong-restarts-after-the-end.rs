// Rewinds to the start when it reaches the end, so that the countdown "can be used
// again": a finished countdown starts over instead of staying finished.
//
// expect: failed
// message: a finished generator keeps returning `None`

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    from: u32,
    next: u32,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown { from, next: from }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.next == 0 {
            self.next = self.from;
            return None;
        }
        let value = self.next;
        self.next -= 1;
        Some(value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.next as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Countdown {}
