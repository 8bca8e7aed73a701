//! A text drawing of when tasks ran, for timing failures that a number does not explain.
//!
//! "took 10s of virtual time, expected 1s" says that something is wrong; a timeline says
//! what: the tasks ran one after another.
//!
//! ```text
//! timeline (virtual time, 0s to 3s; # = running, > = never finished):
//!   task 0  |####################                                        | 0s..1s
//!   task 1  |                    ####################                    | 1s..2s
//!   task 2  |                                        ####################| 2s..3s
//! ```
//!
//! Times are recorded on tokio's clock ([`tokio::time::Instant`], virtual under
//! `start_paused`) by [`Timeline::track`], [`Timeline::start`] and [`Timeline::end`], or on
//! any clock by [`Timeline::record`] (a lesson's own virtual clock, say).
//!
//! ```
//! use std::time::Duration;
//! use shared::timeline::Timeline;
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! let timeline = Timeline::new();
//! let sleep = |task| timeline.track(task, tokio::time::sleep(Duration::from_secs(1)));
//! let start = tokio::time::Instant::now();
//! tokio::join!(sleep("task 0"), sleep("task 1"), sleep("task 2"));
//! timeline.assert_elapsed(start.elapsed(), Duration::from_secs(1), "the sleeps ran one after another");
//! # }
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// The widest a drawing gets, in columns of its time axis.
const WIDTH: usize = 60;

/// A record of when named tasks started and ended. Cheap to clone: clones share the record.
#[derive(Clone, Debug)]
pub struct Timeline {
    origin: Instant,
    spans: Arc<Mutex<Vec<Span>>>,
}

/// One task's time on the timeline, as durations since the origin.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    task: String,
    start: Duration,
    /// `None` while running, or when it never finished.
    end: Option<Duration>,
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Timeline {
    /// An empty timeline whose origin is now on tokio's clock.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
            spans: Arc::default(),
        }
    }

    /// Records a span measured on any clock: `start` and `end` are times since the origin
    /// of that clock; `end` is `None` for a task that never finished.
    pub fn record(&self, task: impl Into<String>, start: Duration, end: Option<Duration>) {
        self.spans().push(Span {
            task: task.into(),
            start,
            end,
        });
    }

    /// Records that `task` starts now (tokio's clock).
    pub fn start(&self, task: impl Into<String>) {
        let start = self.now();
        self.record(task, start, None);
    }

    /// Records that `task` ends now (tokio's clock): closes its latest open span, or
    /// records an instant if it was never started.
    pub fn end(&self, task: impl Into<String>) {
        let task = task.into();
        let now = self.now();
        let mut spans = self.spans();
        match spans
            .iter_mut()
            .rev()
            .find(|span| span.task == task && span.end.is_none())
        {
            Some(span) => span.end = Some(now),
            None => spans.push(Span {
                task,
                start: now,
                end: Some(now),
            }),
        }
    }

    /// Wraps `future` so that its first poll starts `task` and its completion ends it.
    /// Dropped before it completes, it stays unfinished on the drawing.
    pub fn track<F: Future>(&self, task: impl Into<String>, future: F) -> Tracked<F> {
        Tracked {
            future: Box::pin(future),
            timeline: self.clone(),
            task: task.into(),
            started: false,
        }
    }

    /// Like [`crate::clock::assert_elapsed`], with the drawing appended to the message.
    #[track_caller]
    pub fn assert_elapsed(&self, actual: Duration, expected: Duration, why: &str) {
        let difference = actual.abs_diff(expected);
        assert!(
            difference <= crate::clock::TOLERANCE,
            "took {actual:?} of virtual time, expected {expected:?}: {why}\n{self}"
        );
    }

    fn now(&self) -> Duration {
        Instant::now().saturating_duration_since(self.origin)
    }

    fn spans(&self) -> MutexGuard<'_, Vec<Span>> {
        // A panicking test thread must not hide the drawing from the others.
        self.spans.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Display for Timeline {
    /// One row per task, in the order they were first recorded; `#` while running, `>`
    /// at the right edge for a task that never finished.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spans = self.spans().clone();
        if spans.is_empty() {
            return writeln!(f, "timeline: no task was recorded (nothing started)");
        }
        let horizon = spans
            .iter()
            .flat_map(|span| [Some(span.start), span.end])
            .flatten()
            .max()
            .unwrap_or_default();
        let column = |at: Duration| -> usize {
            if horizon.is_zero() {
                0
            } else {
                // Rounded, so that a span of a whole step fills whole columns.
                ((at.as_secs_f64() / horizon.as_secs_f64()) * WIDTH as f64).round() as usize
            }
        };
        let name_width = spans
            .iter()
            .map(|s| s.task.chars().count())
            .max()
            .unwrap_or(0);
        writeln!(
            f,
            "timeline (virtual time, 0s to {horizon:?}; # = running, > = never finished):"
        )?;
        for span in &spans {
            let from = column(span.start).min(WIDTH - 1);
            // An instant (or a span too short to see) still gets one mark.
            let to = span.end.map_or(WIDTH, column).clamp(from + 1, WIDTH);
            let mut row = " ".repeat(from);
            row.push_str(&"#".repeat(to - from));
            if span.end.is_none() {
                row.pop();
                row.push('>');
            }
            let until = span
                .end
                .map_or_else(|| "never finished".to_owned(), readable);
            writeln!(
                f,
                "  {:name_width$}  |{row:WIDTH$}| {}..{until}",
                span.task,
                readable(span.start)
            )?;
        }
        Ok(())
    }
}

/// `0s` rather than `Debug`'s `0ns`, so that a time axis in seconds reads as one.
fn readable(at: Duration) -> String {
    if at.is_zero() {
        "0s".to_owned()
    } else {
        format!("{at:?}")
    }
}

/// The future returned by [`Timeline::track`].
pub struct Tracked<F> {
    future: Pin<Box<F>>,
    timeline: Timeline,
    task: String,
    started: bool,
}

impl<F: Future> Future for Tracked<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        if !this.started {
            this.started = true;
            this.timeline.start(this.task.clone());
        }
        let output = this.future.as_mut().poll(cx);
        if output.is_ready() {
            this.timeline.end(this.task.clone());
        }
        output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_sequential_run_is_drawn_as_a_staircase() {
        let timeline = Timeline::new();
        for i in 0..3 {
            timeline.record(format!("task {i}"), secs(i), Some(secs(i + 1)));
        }
        let drawing = timeline.to_string();
        let rows: Vec<&str> = drawing.lines().collect();
        assert_eq!(rows.len(), 4, "{drawing}");
        assert!(rows[0].contains("0s to 3s"), "{drawing}");
        let bar = |row: &str| {
            let inside = &row[row.find('|').unwrap() + 1..row.rfind('|').unwrap()];
            (inside.find('#').unwrap(), inside.matches('#').count())
        };
        assert_eq!(bar(rows[1]), (0, 20), "{drawing}");
        assert_eq!(bar(rows[2]), (20, 20), "{drawing}");
        assert_eq!(bar(rows[3]), (40, 20), "{drawing}");
        assert!(rows[1].ends_with("| 0s..1s"), "{drawing}");
        assert!(rows[3].ends_with("| 2s..3s"), "{drawing}");
    }

    #[test]
    fn unfinished_tasks_and_instants_are_visible() {
        let timeline = Timeline::new();
        timeline.record("stuck", secs(1), None);
        timeline.record("instant", secs(2), Some(secs(2)));
        let drawing = timeline.to_string();
        assert!(drawing.contains('>'), "{drawing}");
        assert!(drawing.contains("never finished"), "{drawing}");
        let instant = drawing.lines().find(|l| l.contains("instant")).unwrap();
        assert_eq!(instant.matches('#').count(), 1, "{drawing}");
        assert!(Timeline::new().to_string().contains("no task"));
    }

    #[tokio::test(start_paused = true)]
    async fn tracked_futures_record_first_poll_and_completion() {
        let timeline = Timeline::new();
        tokio::time::sleep(secs(1)).await;
        let sleep = timeline.track("late", tokio::time::sleep(secs(2)));
        // Created, not yet polled: not started (a tokio sleep's deadline is set at creation).
        tokio::time::sleep(secs(1)).await;
        sleep.await;
        timeline.start("by hand");
        timeline.end("by hand");
        let spans = timeline.spans().clone();
        assert_eq!(spans[0].start, secs(2));
        assert_eq!(spans[0].end, Some(secs(3)));
        assert_eq!(spans[1].start, secs(3));
        assert_eq!(spans[1].end, Some(secs(3)));
    }

    #[test]
    #[should_panic(expected = "one after another\ntimeline")]
    fn assert_elapsed_draws_the_timeline() {
        let timeline = Timeline {
            origin: Instant::now(),
            spans: Arc::default(),
        };
        timeline.record("a", secs(0), Some(secs(1)));
        timeline.assert_elapsed(secs(2), secs(1), "one after another");
    }
}
