// The global order the other way round: every philosopher takes the higher-numbered
// fork first. Any single order breaks the cycle.

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
                let mut order = [seat, (seat + 1) % seats];
                order.sort_unstable_by(|a, b| b.cmp(a));
                for _ in 0..meals {
                    let _guards: Vec<_> = order
                        .iter()
                        .map(|&fork| {
                            let guard = forks[fork].lock().unwrap();
                            took_fork(seat, fork);
                            guard
                        })
                        .collect();
                    eat(seat);
                }
            });
        }
    });
}
