// Counts down to 0 inclusive: a `done` flag guards the subtraction, so the countdown
// yields 5, 4, 3, 2, 1 and then a final 0 (one value too many).
//
// expect: failed
// message: one value too many
// message: must stop after 1

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    next: u32,
    done: bool,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown {
            next: from,
            done: false,
        }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.done {
            return None;
        }
        let value = self.next;
        if self.next == 0 {
            self.done = true;
        } else {
            self.next -= 1;
        }
        Some(value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = if self.done { 0 } else { self.next as usize + 1 };
        (left, Some(left))
    }
}

impl ExactSizeIterator for Countdown {}
