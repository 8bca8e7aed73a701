// Keeps the start and how many values were yielded, and computes each value from them
// (`from - yielded`), instead of one number that steps down.

/// Counts down from a number to 1, one value per `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    from: u32,
    yielded: u32,
}

impl Countdown {
    /// A countdown from `from` to 1 that has not started yet.
    pub fn new(from: u32) -> Countdown {
        Countdown { from, yielded: 0 }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        (self.yielded < self.from).then(|| {
            let value = self.from - self.yielded;
            self.yielded += 1;
            value
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.from - self.yielded) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Countdown {}
