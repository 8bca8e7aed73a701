// Avoids the deadlock with one `Mutex` for the whole table, held from the first fork to
// the end of the meal: no cycle of waits, but the philosophers eat one at a time.
//
// expect: failed
// message: they ate one at a time

use std::sync::Mutex;
use std::thread;

/// Seats `seats` (at least 2) philosophers and lets each eat `meals` times, on a
/// thread of their own, without deadlocking.
pub fn dine<T, E>(seats: usize, meals: usize, took_fork: T, eat: E)
where
    T: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    let table = Mutex::new(());
    let forks: Vec<Mutex<()>> = (0..seats).map(|_| Mutex::new(())).collect();
    let (table, forks, took_fork, eat) = (&table, &forks, &took_fork, &eat);
    thread::scope(|scope| {
        for seat in 0..seats {
            scope.spawn(move || {
                let (left, right) = (seat, (seat + 1) % seats);
                for _ in 0..meals {
                    let _table = table.lock().unwrap();
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
