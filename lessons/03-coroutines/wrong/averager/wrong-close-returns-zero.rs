// Keeps the average in a field that starts at 0.0 and `close` returns it as it is: an
// averager that was sent nothing reports an average of 0 instead of none.
//
// expect: failed
// message: nothing was sent, so there is no average

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    total: f64,
    count: u64,
    average: f64,
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        Averager::default()
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        self.total += value;
        self.count += 1;
        self.average = self.total / self.count as f64;
        self.average
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        Some(self.average)
    }
}
