// A waiter (a counter under a `Mutex`, with a `Condvar`) who admits one philosopher
// to the table at a time: the classic waiter admits `seats - 1`, and this one only
// admits one, so nobody ever eats together.
//
// expect: failed
// message: they ate one at a time

use std::sync::{Condvar, Mutex};
use std::thread;

/// How many philosophers the waiter lets sit at the table at once.
const SEATED_AT_ONCE: usize = 1;

/// Seats `seats` (at least 2) philosophers and lets each eat `meals` times, on a
/// thread of their own, without deadlocking.
pub fn dine<T, E>(seats: usize, meals: usize, took_fork: T, eat: E)
where
    T: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    let seated = Mutex::new(0);
    let waiter = Condvar::new();
    let forks: Vec<Mutex<()>> = (0..seats).map(|_| Mutex::new(())).collect();
    let (seated, waiter, forks, took_fork, eat) = (&seated, &waiter, &forks, &took_fork, &eat);
    thread::scope(|scope| {
        for seat in 0..seats {
            scope.spawn(move || {
                let (left, right) = (seat, (seat + 1) % seats);
                for _ in 0..meals {
                    {
                        let mut count = seated.lock().unwrap();
                        while *count >= SEATED_AT_ONCE {
                            count = waiter.wait(count).unwrap();
                        }
                        *count += 1;
                    }
                    {
                        let _left = forks[left].lock().unwrap();
                        took_fork(seat, left);
                        let _right = forks[right].lock().unwrap();
                        took_fork(seat, right);
                        eat(seat);
                    }
                    *seated.lock().unwrap() -= 1;
                    waiter.notify_one();
                }
            });
        }
    });
}
