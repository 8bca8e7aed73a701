//! High-water mark: prove that at most N things happen at once.
//!
//! Every worker holds a guard from [`HighWater::enter`] while it does the thing being
//! limited (a request in flight, a job running, a connection open); [`HighWater::max`]
//! is the largest number of guards that were ever alive at the same time.
//!
//! ```
//! use shared::high_water::HighWater;
//!
//! let gauge = HighWater::new();
//! let first = gauge.enter();
//! let second = gauge.enter();
//! drop(first);
//! let third = gauge.enter();
//! assert_eq!(gauge.current(), 2);
//! assert_eq!(gauge.max(), 2);
//! gauge.assert_at_most(2, "more than two at once");
//! # drop((second, third));
//! ```
//!
//! The mark only proves an upper bound ("never more than N"). To prove that the limit
//! is actually used (N really run at once), combine it with a
//! [`crate::rendezvous`] or an exact [`crate::clock`] measurement, or assert
//! `gauge.max() == n`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A gauge of how many guards are alive now and at most; see the
/// [module documentation](self).
///
/// Cheap to clone: clones share the gauge. Works the same from threads and tasks.
#[derive(Debug, Clone, Default)]
pub struct HighWater {
    inner: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    current: AtomicUsize,
    max: AtomicUsize,
}

/// Counts as one in its [`HighWater`] until dropped.
#[derive(Debug)]
#[must_use = "the guard counts only while it is alive: bind it with `let _guard = …`"]
pub struct HighWaterGuard {
    counts: Arc<Counts>,
}

impl HighWater {
    /// A gauge at zero.
    pub fn new() -> HighWater {
        HighWater::default()
    }

    /// Counts one more until the returned guard is dropped.
    pub fn enter(&self) -> HighWaterGuard {
        let now = self.inner.current.fetch_add(1, Ordering::SeqCst) + 1;
        self.inner.max.fetch_max(now, Ordering::SeqCst);
        HighWaterGuard {
            counts: Arc::clone(&self.inner),
        }
    }

    /// How many guards are alive now.
    pub fn current(&self) -> usize {
        self.inner.current.load(Ordering::SeqCst)
    }

    /// The largest number of guards alive at the same time so far.
    pub fn max(&self) -> usize {
        self.inner.max.load(Ordering::SeqCst)
    }

    /// Asserts that at most `limit` guards were ever alive at once.
    ///
    /// The failure reads `up to 7 at once, expected at most 3: …` followed by `why`,
    /// which should name the likely mistake (for example "the semaphore permit is
    /// dropped before the request completes").
    #[track_caller]
    pub fn assert_at_most(&self, limit: usize, why: &str) {
        let max = self.max();
        assert!(
            max <= limit,
            "up to {max} at once, expected at most {limit}: {why}"
        );
    }
}

impl Drop for HighWaterGuard {
    fn drop(&mut self) {
        self.counts.current.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panics;

    #[test]
    fn counts_guards_alive_at_once() {
        let gauge = HighWater::new();
        assert_eq!((gauge.current(), gauge.max()), (0, 0));
        let guards: Vec<_> = (0..5).map(|_| gauge.enter()).collect();
        assert_eq!((gauge.current(), gauge.max()), (5, 5));
        drop(guards);
        let _one = gauge.enter();
        assert_eq!((gauge.current(), gauge.max()), (1, 5));
    }

    #[test]
    fn threads_limited_by_a_barrier_of_three() {
        // Three threads at a time: three batches of three.
        let gauge = HighWater::new();
        for _ in 0..3 {
            let barrier = std::sync::Barrier::new(3);
            std::thread::scope(|scope| {
                for _ in 0..3 {
                    scope.spawn(|| {
                        let _guard = gauge.enter();
                        barrier.wait(); // all three are inside at once
                    });
                }
            });
        }
        assert_eq!(gauge.max(), 3);
        assert_eq!(gauge.current(), 0);
        gauge.assert_at_most(3, "three at a time");
    }

    #[test]
    fn too_many_explains_itself() {
        let gauge = HighWater::new();
        let _guards: Vec<_> = (0..7).map(|_| gauge.enter()).collect();
        let outcome = std::panic::catch_unwind(|| gauge.assert_at_most(3, "no limit at all"));
        assert_eq!(
            panics::message(outcome.unwrap_err().as_ref()),
            "up to 7 at once, expected at most 3: no limit at all"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn works_across_tasks() {
        let gauge = HighWater::new();
        let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (gauge, permits) = (gauge.clone(), permits.clone());
                tokio::spawn(async move {
                    let _permit = permits.acquire().await.unwrap();
                    let _guard = gauge.enter();
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(gauge.max(), 2);
    }
}
