// The obvious program: every philosopher takes the left fork, then the right one. When
// all take their left fork at once, each waits for a neighbour's: deadlock.
//
// expect: failed
// message: every philosopher holds one fork and waits for the next one

use std::sync::Mutex;
use std::thread;

/// Seats `seats` (at least 2) philosophers and lets each eat `meals` times, on a
/// thread of their own, without deadlocking.
pub fn dine<T, E>(seats: usize, meals: usize, took_fork: T, eat: E)
where
    T: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    let forks: Vec<Mutex<()>> = (0..seats).map(|_| Mutex::new(())).collect();
    let (forks, took_fork, eat) = (&forks, &took_fork, &eat);
    thread::scope(|scope| {
        for seat in 0..seats {
            scope.spawn(move || {
                let (left, right) = (seat, (seat + 1) % seats);
                for _ in 0..meals {
                    let _left = forks[left].lock().unwrap();
                    took_fork(seat, left);
                    let _right = forks[right].lock().unwrap();
                    took_fork(seat, right);
                    eat(seat);
                }
            });
        }
    });
}
