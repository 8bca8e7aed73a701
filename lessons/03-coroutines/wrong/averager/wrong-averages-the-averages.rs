// Blends the previous average with the new value, `(average + value) / 2`, instead of
// averaging every value: the last value always counts for half.
//
// expect: failed
// message: the average of 10, 20 and 60 is 30, got 37.5
// message: averaging the previous average with the new value

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    average: Option<f64>,
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        Averager::default()
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        let average = match self.average {
            None => value,
            Some(average) => (average + value) / 2.0,
        };
        self.average = Some(average);
        average
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        self.average
    }
}
