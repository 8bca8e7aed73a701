//! Rendezvous: prove that N workers are alive at the same time, without measuring time.
//!
//! Every worker calls `wait()`, which returns only once all N have called it. If the
//! workers run at the same time, they all meet and go on at once. If they run one after
//! another, the first one waits for peers that can only start after it has finished: it
//! gives up after a generous timeout and panics with
//! `only 1 of 4 workers arrived within 5s: they are not running at the same time`.
//! Once one waiter has given up, the others give up at once instead of each waiting out
//! its own timeout.
//!
//! [`Rendezvous`] is for threads (and for threads that drive child processes);
//! [`AsyncRendezvous`] is for tokio tasks. Under a paused clock the async timeout fires
//! deterministically, as soon as every task is stuck.
//!
//! ```
//! use shared::rendezvous::Rendezvous;
//!
//! let rendezvous = Rendezvous::new(3);
//! let workers: Vec<_> = (0..3)
//!     .map(|_| {
//!         let rendezvous = rendezvous.clone();
//!         std::thread::spawn(move || rendezvous.wait())
//!     })
//!     .collect();
//! for worker in workers {
//!     worker.join().unwrap();
//! }
//! assert_eq!(rendezvous.arrived(), 3);
//! ```
//!
//! A rendezvous is used once: after all N have arrived, every later `wait()` returns at
//! once.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::watch;

/// How long a waiter waits for its peers unless told otherwise.
///
/// Generous, so that starting a few threads or processes on a busy machine never reaches
/// it, and below the runner's per-test timeout (10 s), so a sequential solution fails with
/// the rendezvous message instead of being killed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Default, Clone, Copy)]
struct State {
    arrived: usize,
    /// A waiter gave up: nobody will get through any more.
    broken: bool,
}

/// A rendezvous of `n` threads; see the [module documentation](self).
///
/// Cheap to clone: clones share the rendezvous.
#[derive(Debug, Clone)]
pub struct Rendezvous {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    n: usize,
    timeout: Duration,
    state: Mutex<State>,
    all_arrived: Condvar,
}

impl Rendezvous {
    /// A rendezvous of `n` workers with the [`DEFAULT_TIMEOUT`].
    pub fn new(n: usize) -> Rendezvous {
        Rendezvous::with_timeout(n, DEFAULT_TIMEOUT)
    }

    /// A rendezvous of `n` workers where each waits at most `timeout` for the others.
    pub fn with_timeout(n: usize, timeout: Duration) -> Rendezvous {
        Rendezvous {
            inner: Arc::new(Inner {
                n,
                timeout,
                state: Mutex::new(State::default()),
                all_arrived: Condvar::new(),
            }),
        }
    }

    /// Arrives at the rendezvous and blocks until all `n` workers have arrived.
    ///
    /// # Panics
    ///
    /// If the others do not all arrive within the timeout (`only k of n workers arrived
    /// within …: they are not running at the same time`), or if another waiter has
    /// already given up.
    #[track_caller]
    pub fn wait(&self) {
        if let Err(message) = self.arrive() {
            panic!("{message}");
        }
    }

    /// Like [`wait`](Self::wait), with `why` appended to the failure message: what the
    /// student most likely did wrong.
    #[track_caller]
    pub fn wait_or_explain(&self, why: &str) {
        if let Err(message) = self.arrive() {
            panic!("{message}: {why}");
        }
    }

    /// Arrives and waits; `Err` with the reason when the others do not all come.
    fn arrive(&self) -> Result<(), String> {
        let inner = &*self.inner;
        let deadline = Instant::now() + inner.timeout;
        let mut state = inner.lock();
        state.arrived += 1;
        if state.arrived >= inner.n {
            inner.all_arrived.notify_all();
            return Ok(());
        }
        loop {
            if state.arrived >= inner.n {
                return Ok(());
            }
            if state.broken {
                return Err(abandoned_message(state.arrived, inner.n));
            }
            let now = Instant::now();
            if now >= deadline {
                state.broken = true;
                let arrived = state.arrived;
                drop(state);
                inner.all_arrived.notify_all();
                return Err(timeout_message(arrived, inner.n, inner.timeout, ""));
            }
            state = inner
                .all_arrived
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// How many workers have arrived so far.
    pub fn arrived(&self) -> usize {
        self.inner.lock().arrived
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A rendezvous of `n` tokio tasks; see the [module documentation](self).
///
/// Cheap to clone: clones share the rendezvous.
///
/// ```
/// use shared::rendezvous::AsyncRendezvous;
///
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let rendezvous = AsyncRendezvous::new(10);
/// let tasks: Vec<_> = (0..10)
///     .map(|_| {
///         let rendezvous = rendezvous.clone();
///         tokio::spawn(async move { rendezvous.wait().await })
///     })
///     .collect();
/// for task in tasks {
///     task.await.unwrap();
/// }
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct AsyncRendezvous {
    n: usize,
    timeout: Duration,
    state: Arc<watch::Sender<State>>,
}

impl AsyncRendezvous {
    /// A rendezvous of `n` tasks with the [`DEFAULT_TIMEOUT`] (of tokio time).
    pub fn new(n: usize) -> AsyncRendezvous {
        AsyncRendezvous::with_timeout(n, DEFAULT_TIMEOUT)
    }

    /// A rendezvous of `n` tasks where each waits at most `timeout` (of tokio time).
    pub fn with_timeout(n: usize, timeout: Duration) -> AsyncRendezvous {
        AsyncRendezvous {
            n,
            timeout,
            state: Arc::new(watch::Sender::new(State::default())),
        }
    }

    /// Arrives at the rendezvous and waits until all `n` tasks have arrived.
    ///
    /// Under a paused clock, if the others cannot arrive (they run one after another, or
    /// something blocks them), the runtime becomes idle, the clock jumps to the timeout
    /// and this panics at once.
    ///
    /// Dropping the future after it was first polled still counts the arrival.
    ///
    /// # Panics
    ///
    /// Like [`Rendezvous::wait`], with "tasks" for "workers" and tokio time.
    pub async fn wait(&self) {
        let n = self.n;
        let mut updates = self.state.subscribe();
        self.state.send_modify(|state| state.arrived += 1);
        let outcome = tokio::time::timeout(
            self.timeout,
            updates.wait_for(|state| state.arrived >= n || state.broken),
        )
        .await
        .map(|state| state.map(|state| *state));
        match outcome {
            Ok(Ok(state)) if state.arrived >= n => {}
            Ok(Ok(state)) => panic!("{}", abandoned_message(state.arrived, n)),
            Ok(Err(_)) => unreachable!("the rendezvous holds its own sender"),
            Err(_elapsed) => {
                let mut arrived = 0;
                self.state.send_modify(|state| {
                    state.broken = true;
                    arrived = state.arrived;
                });
                panic!(
                    "{}",
                    timeout_message(arrived, n, self.timeout, " of virtual time")
                );
            }
        }
    }

    /// How many tasks have arrived so far.
    pub fn arrived(&self) -> usize {
        self.state.borrow().arrived
    }
}

fn timeout_message(arrived: usize, n: usize, timeout: Duration, clock: &str) -> String {
    format!(
        "only {arrived} of {n} workers arrived within {timeout:?}{clock}: \
         they are not running at the same time"
    )
}

fn abandoned_message(arrived: usize, n: usize) -> String {
    format!(
        "another worker gave up waiting after only {arrived} of {n} arrived: \
         they are not running at the same time"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panics;
    use std::thread;

    #[test]
    fn concurrent_threads_meet() {
        let rendezvous = Rendezvous::new(8);
        thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| rendezvous.wait());
            }
        });
        assert_eq!(rendezvous.arrived(), 8);
    }

    #[test]
    fn sequential_workers_fail_with_an_explanation() {
        let rendezvous = Rendezvous::with_timeout(3, Duration::from_millis(50));
        let outcome = std::panic::catch_unwind(|| {
            for _ in 0..3 {
                rendezvous.wait(); // one after another: the first never meets anyone
            }
        });
        assert_eq!(
            panics::message(outcome.unwrap_err().as_ref()),
            "only 1 of 3 workers arrived within 50ms: they are not running at the same time"
        );
    }

    #[test]
    fn an_explanation_is_appended_to_the_failure() {
        let rendezvous = Rendezvous::with_timeout(2, Duration::from_millis(50));
        let outcome = std::panic::catch_unwind(|| rendezvous.wait_or_explain("spawn both first"));
        assert_eq!(
            panics::message(outcome.unwrap_err().as_ref()),
            "only 1 of 2 workers arrived within 50ms: they are not running at the same time: \
             spawn both first"
        );
    }

    #[test]
    fn once_broken_the_others_give_up_at_once() {
        let rendezvous = Rendezvous::with_timeout(3, Duration::from_millis(50));
        let first = {
            let rendezvous = rendezvous.clone();
            thread::spawn(move || rendezvous.wait())
        };
        assert!(first.join().is_err());
        // This waiter does not wait out its own timeout: its message says so.
        let outcome = std::panic::catch_unwind(|| rendezvous.wait());
        assert_eq!(
            panics::message(outcome.unwrap_err().as_ref()),
            "another worker gave up waiting after only 2 of 3 arrived: \
             they are not running at the same time"
        );
    }

    #[test]
    fn a_full_rendezvous_lets_everyone_through() {
        let rendezvous = Rendezvous::new(1);
        rendezvous.wait();
        rendezvous.wait();
        assert_eq!(rendezvous.arrived(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_tasks_meet() {
        let rendezvous = AsyncRendezvous::new(5);
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                let rendezvous = rendezvous.clone();
                tokio::spawn(async move { rendezvous.wait().await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(rendezvous.arrived(), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn sequential_tasks_fail_in_virtual_time() {
        let real_start = Instant::now();
        let rendezvous = AsyncRendezvous::new(2);
        let task = tokio::spawn(async move {
            rendezvous.wait().await;
            rendezvous.wait().await;
        });
        let message = panics::message(task.await.unwrap_err().into_panic().as_ref());
        assert_eq!(
            message,
            "only 1 of 2 workers arrived within 5s of virtual time: \
             they are not running at the same time"
        );
        assert!(real_start.elapsed() < Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn async_once_broken_the_others_give_up_at_once() {
        let rendezvous = AsyncRendezvous::with_timeout(3, Duration::from_secs(1));
        let early = tokio::spawn({
            let rendezvous = rendezvous.clone();
            async move { rendezvous.wait().await }
        });
        tokio::time::sleep(Duration::from_millis(500)).await;
        let late = tokio::spawn({
            let rendezvous = rendezvous.clone();
            async move { rendezvous.wait().await }
        });
        let start = tokio::time::Instant::now();
        assert!(early.await.is_err());
        let message = panics::message(late.await.unwrap_err().into_panic().as_ref());
        assert_eq!(start.elapsed(), Duration::from_millis(500));
        assert_eq!(
            message,
            "another worker gave up waiting after only 2 of 3 arrived: \
             they are not running at the same time"
        );
    }
}
