// Locks both forks in the right order inside a block of their own, "to hold the locks
// as briefly as possible", and calls `eat` after the block: the guards are dropped, the
// forks unlocked, before the meal, and neighbours eat with the same fork.
//
// expect: failed
// message: the locks of both forks until `eat` returns

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
                let (first, second) = (left.min(right), left.max(right));
                for _ in 0..meals {
                    {
                        let _first = forks[first].lock().unwrap();
                        took_fork(seat, first);
                        let _second = forks[second].lock().unwrap();
                        took_fork(seat, second);
                    }
                    eat(seat);
                }
            });
        }
    });
}
