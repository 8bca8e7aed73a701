//! Exercise `philosophers`: no deadlock, thanks to a global lock order.
//!
//! The tests watch the philosophers through `took_fork` and `eat`. To force the
//! deadlock of the obvious program, `took_fork` makes each philosopher wait, holding
//! its first fork, until every philosopher holds one, or until no one has taken a
//! first fork for a while (a correct program never gets everyone there: two
//! philosophers reach for fork 0 first, and one of them has to wait for it).

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use lesson_02_threads::philosophers::dine;
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;
use shared::watchdog::within;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(6);

/// How long the philosophers holding a first fork wait after the last one took theirs.
const PATIENCE: Duration = Duration::from_millis(300);

/// What the tests see of a dinner.
struct Observer {
    seats: usize,
    /// The forks each philosopher reported since their last meal.
    holding: Vec<Mutex<Vec<usize>>>,
    /// How many philosophers eat with each fork at once (at most one, or the fork is
    /// not really held).
    fork_users: Vec<HighWater>,
    /// The meals of each philosopher, and the threads they ate on.
    meals: Mutex<Vec<(usize, ThreadId)>>,
    /// Set: the first forks' rendezvous that forces the obvious program's deadlock.
    first_forks: Option<FirstForks>,
}

impl Observer {
    fn new(seats: usize, force_the_deadlock: bool) -> Observer {
        Observer {
            seats,
            holding: (0..seats).map(|_| Mutex::default()).collect(),
            fork_users: (0..seats).map(|_| HighWater::new()).collect(),
            meals: Mutex::default(),
            first_forks: force_the_deadlock.then(|| FirstForks::new(seats)),
        }
    }

    fn forks_of(&self, seat: usize) -> [usize; 2] {
        [seat, (seat + 1) % self.seats]
    }

    fn took_fork(&self, seat: usize, fork: usize) {
        assert!(
            self.forks_of(seat).contains(&fork),
            "philosopher {seat} took fork {fork}, but their forks are {:?}: fork `seat` \
             and fork `(seat + 1) % seats`",
            self.forks_of(seat)
        );
        let first = {
            let mut holding = self.holding[seat].lock().unwrap();
            holding.push(fork);
            holding.len() == 1
        };
        if let (true, Some(first_forks)) = (first, &self.first_forks) {
            first_forks.wait();
        }
    }

    fn eat(&self, seat: usize) {
        let mut holding = std::mem::take(&mut *self.holding[seat].lock().unwrap());
        holding.sort_unstable();
        let mut forks = self.forks_of(seat);
        forks.sort_unstable();
        assert_eq!(
            holding, forks,
            "philosopher {seat} ate after reporting the forks {holding:?}, expected \
             {forks:?}: lock both forks, calling `took_fork` right after each lock, then \
             `eat`"
        );
        let _users: Vec<_> = forks.iter().map(|&f| self.fork_users[f].enter()).collect();
        thread::yield_now(); // a meal takes a moment, to let a neighbour try the forks
        self.meals
            .lock()
            .unwrap()
            .push((seat, thread::current().id()));
    }

    /// Checks that every philosopher ate `meals` times on a thread of their own, and
    /// that no fork was used by two philosophers at once.
    fn check(&self, meals: usize, caller: ThreadId) {
        let eaten = self.meals.lock().unwrap();
        for seat in 0..self.seats {
            let count = eaten.iter().filter(|(who, _)| *who == seat).count();
            assert_eq!(
                count, meals,
                "philosopher {seat} ate {count} meals, expected {meals}"
            );
            let threads: HashSet<ThreadId> = eaten
                .iter()
                .filter(|(who, _)| *who == seat)
                .map(|(_, thread)| *thread)
                .collect();
            assert!(
                threads.len() == 1 && !threads.contains(&caller),
                "philosopher {seat} ate on {} thread(s){}: give each philosopher a \
                 thread of their own",
                threads.len(),
                if threads.contains(&caller) {
                    ", one of them the thread that called dine"
                } else {
                    ""
                }
            );
        }
        let threads: HashSet<ThreadId> = eaten.iter().map(|(_, thread)| *thread).collect();
        assert_eq!(
            threads.len(),
            self.seats,
            "{} philosophers ate on {} threads: one thread per philosopher",
            self.seats,
            threads.len()
        );
        for (fork, users) in self.fork_users.iter().enumerate() {
            users.assert_at_most(
                1,
                &format!(
                    "two neighbours ate with fork {fork} at the same time: hold the locks \
                     of both forks while you call `eat`"
                ),
            );
        }
    }
}

/// Philosophers holding their first fork wait here until all of them hold one, or
/// until no one has arrived for `PATIENCE`. Never panics.
struct FirstForks {
    seats: usize,
    /// How many arrived, when the last one did, and whether waiting is over.
    state: Mutex<(usize, Instant, bool)>,
    changed: Condvar,
}

impl FirstForks {
    fn new(seats: usize) -> FirstForks {
        FirstForks {
            seats,
            state: Mutex::new((0, Instant::now(), false)),
            changed: Condvar::new(),
        }
    }

    fn wait(&self) {
        let mut state = self.state.lock().unwrap();
        state.0 += 1;
        state.1 = Instant::now();
        self.changed.notify_all();
        loop {
            let (arrived, last, over) = *state;
            if over || arrived >= self.seats {
                return;
            }
            let deadline = last + PATIENCE;
            let now = Instant::now();
            if now >= deadline {
                state.2 = true;
                self.changed.notify_all();
                return;
            }
            state = self.changed.wait_timeout(state, deadline - now).unwrap().0;
        }
    }
}

/// Runs a dinner under a watchdog and checks it.
fn dinner(seats: usize, meals: usize, force_the_deadlock: bool) {
    let observer = Arc::new(Observer::new(seats, force_the_deadlock));
    let watched = Arc::clone(&observer);
    let caller = within(
        LIMIT,
        &format!(
            "dinner of {seats} philosophers (deadlocked? When every philosopher takes one \
             fork and then waits for the next one, held by a neighbour who waits too, they \
             wait for each other in a cycle, forever. Take the two forks in one global \
             order, the lower-numbered fork first: then the last philosopher, like the \
             first, reaches for fork 0 first, and the cycle is broken)"
        ),
        move || {
            dine(
                seats,
                meals,
                |seat, fork| watched.took_fork(seat, fork),
                |seat| watched.eat(seat),
            );
            thread::current().id()
        },
    );
    observer.check(meals, caller);
}

#[test]
fn everyone_eats_every_meal() {
    dinner(5, 50, false);
}

#[test]
fn no_deadlock_when_everyone_holds_a_fork() {
    dinner(5, 3, true);
}

#[test]
fn two_philosophers_do_not_deadlock_either() {
    dinner(2, 3, true);
}

#[test]
fn neighbours_never_share_a_fork() {
    dinner(4, 300, false);
}
