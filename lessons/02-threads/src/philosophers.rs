//! # Dining philosophers: a deadlock, and a lock order that prevents it
//!
//! `seats` philosophers sit at a round table with one fork between each two neighbours:
//! fork `i` lies between seats `i - 1` and `i`, so philosopher `seat` needs fork `seat`
//! (on the left) and fork `(seat + 1) % seats` (on the right), and shares each with a
//! neighbour. To eat, a philosopher must hold both.
//!
//! The obvious program deadlocks:
//!
//! ```text
//! let left = forks[seat].lock().unwrap();                 // every philosopher takes
//! let right = forks[(seat + 1) % seats].lock().unwrap();  // the left fork first...
//! ```
//!
//! If every philosopher takes the left fork at the same moment, each then waits for the
//! right one, which the neighbour holds and will not put down: a cycle of waits that
//! never ends. Each thread is blocked in `lock`, forever.
//!
//! Write [`dine`] so that it cannot deadlock:
//!
//! - one `Mutex` per fork, and one thread per philosopher, all running at the same time
//!   (`eat` and `took_fork` are borrowed: use scoped threads);
//! - no other lock: philosophers who share no fork must be able to eat at the same time
//!   (one lock around the whole meal, or a waiter who lets one philosopher in at a time,
//!   would make everyone take turns);
//! - each philosopher eats `meals` times: lock both forks, call `eat(seat)` while
//!   holding both, then put them down (unlock them);
//! - right after locking a fork, still holding it, call `took_fork(seat, fork)`;
//! - `dine` returns once everyone has eaten every meal.
//!
//! The cure is a global lock order: give every lock a rank and always take the
//! lower-ranked lock first. Here the rank is the fork's number: take fork
//! `min(left, right)` first. The last philosopher then reaches for fork 0 first, like
//! the first one, and one of them gets it: the cycle is broken.
//!
//! The tests' `took_fork` makes every philosopher wait, holding the first fork, until
//! all of them hold one (or until it is clear that this will not happen). With the
//! obvious program that is the deadlock every time; a watchdog turns the hang into a
//! failure. Another test's `eat` makes one philosopher wait, eating, until a philosopher
//! who shares no fork with them eats too.

/// Seats `seats` (at least 2) philosophers and lets each eat `meals` times, on a
/// thread of their own, without deadlocking.
pub fn dine<T, E>(seats: usize, meals: usize, took_fork: T, eat: E)
where
    T: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    todo!("a mutex per fork, a scoped thread per philosopher, lower fork first")
}
