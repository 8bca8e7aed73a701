// Follows the Python loop's order too literally (`term = yield average` hands out the
// average computed before `term` arrived): `send` returns the average before the value.
//
// expect: failed
// message: the average of 10 is 10, got 0
// message: returned the average *before* this value

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
        let average = self.average;
        self.total += value;
        self.count += 1;
        self.average = self.total / self.count as f64;
        average
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        (self.count > 0).then_some(self.average)
    }
}
