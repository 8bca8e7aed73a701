// Breaks the cycle with asymmetry instead of a numbering: philosophers at even seats
// take their left fork first, those at odd seats their right fork first. Built with
// `thread::Builder::spawn_scoped` and forks that count their meals.

use std::sync::Mutex;
use std::thread;

/// Seats `seats` (at least 2) philosophers and lets each eat `meals` times, on a
/// thread of their own, without deadlocking.
pub fn dine<T, E>(seats: usize, meals: usize, took_fork: T, eat: E)
where
    T: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    let forks: Vec<Mutex<u64>> = (0..seats).map(|_| Mutex::new(0)).collect();
    let (forks, took_fork, eat) = (&forks, &took_fork, &eat);
    thread::scope(|scope| {
        for seat in 0..seats {
            thread::Builder::new()
                .name(format!("philosopher {seat}"))
                .spawn_scoped(scope, move || {
                    let (left, right) = (seat, (seat + 1) % seats);
                    let (first, second) = if seat % 2 == 0 {
                        (left, right)
                    } else {
                        (right, left)
                    };
                    for _ in 0..meals {
                        let mut first_fork = forks[first].lock().unwrap();
                        took_fork(seat, first);
                        let mut second_fork = forks[second].lock().unwrap();
                        took_fork(seat, second);
                        eat(seat);
                        *first_fork += 1;
                        *second_fork += 1;
                    }
                })
                .expect("a philosopher's thread starts");
        }
    });
}
