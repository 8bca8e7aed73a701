// Keeps every value and sums them all again on each `send`: the n-th send costs n steps,
// and the memory grows with every value.
//
// expect: failed
// message: Keep a running sum and a count, not every value

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    values: Vec<f64>,
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        Averager::default()
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        self.values.push(value);
        self.values.iter().sum::<f64>() / self.values.len() as f64
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        (!self.values.is_empty())
            .then(|| self.values.iter().sum::<f64>() / self.values.len() as f64)
    }
}
