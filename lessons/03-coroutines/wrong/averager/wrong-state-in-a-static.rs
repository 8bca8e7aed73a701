// Keeps the running total and count in a `static` (Python's module-level globals), so
// every averager shares one state.
//
// expect: failed
// message: keep the state in the struct, not in a `static`

use std::sync::Mutex;

/// The running total and count.
static STATE: Mutex<(f64, u64)> = Mutex::new((0.0, 0));

/// Averages the values sent to it, one `send` at a time.
#[derive(Debug, Default)]
pub struct Averager {
    last: Option<f64>,
}

impl Averager {
    /// A fresh averager: nothing sent yet.
    pub fn new() -> Averager {
        Averager::default()
    }

    /// Takes `value` and returns the average of every value sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        let mut state = STATE.lock().unwrap();
        state.0 += value;
        state.1 += 1;
        let average = state.0 / state.1 as f64;
        self.last = Some(average);
        average
    }

    /// Ends the averager: the last average, `None` if nothing was sent.
    pub fn close(self) -> Option<f64> {
        self.last
    }
}
