// Keeps the mean itself and the count, and moves the mean towards each new value by
// `(value - mean) / count` (Welford's update), instead of a total divided by a count.

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    mean: f64,
    count: u32,
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        Averager {
            mean: 0.0,
            count: 0,
        }
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        self.count += 1;
        self.mean += (value - self.mean) / f64::from(self.count);
        self.mean
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        match self.count {
            0 => None,
            _ => Some(self.mean),
        }
    }
}
