//! Exercise `philosophers`: no deadlock, thanks to a global lock order.
//!
//! The tests watch the philosophers through `took_fork` and `eat`. To force the
//! deadlock of the obvious program, `took_fork` makes each philosopher wait, holding
//! its first fork, until every philosopher holds one, or until no one has taken a
//! first fork for a while (a correct program never gets everyone there: two
//! philosophers reach for fork 0 first, and one of them has to wait for it). A dinner
//! that stands still while every philosopher holds one fork is deadlocked: the tests
//! say so at once, instead of waiting for a watchdog.
//!
//! To prove that philosophers who share no fork eat at the same time, one philosopher
//! (the host) waits while eating until a philosopher who shares no fork with them (a
//! guest) eats too. The host and the guests are chosen from the order in which each
//! philosopher took their forks in an earlier dinner, so that the guests can always eat
//! while the host waits, whichever order the solution takes the forks in.

use std::collections::HashSet;
use std::panic::resume_unwind;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use lesson_02_threads::philosophers::dine;
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;

/// Far above what a correct solution needs, below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(5);

/// How long the philosophers holding a first fork wait after the last one took theirs:
/// the others, already running, only have to lock one free fork.
const PATIENCE: Duration = Duration::from_millis(150);

/// How long a dinner must stand still, every philosopher holding one fork, to be called
/// deadlocked.
const STUCK: Duration = Duration::from_millis(200);

/// How long the host waits, eating, for a philosopher who shares no fork with them to
/// sit down and eat too: they only need to lock two free forks (microseconds).
const HOST_PATIENCE: Duration = Duration::from_millis(500);

/// The deadlock, and its cure.
const DEADLOCK: &str = "every philosopher holds one fork and waits for the next one, \
    which a neighbour holds and will not put down while waiting too: a cycle of waits, \
    forever. Take the two forks in one global order, the lower-numbered fork first: then \
    the last philosopher, like the first, reaches for fork 0 first, and the cycle is broken";

/// The forks of `seat` at a table of `seats`: `seat` and `(seat + 1) % seats`.
fn forks_of(seat: usize, seats: usize) -> [usize; 2] {
    [seat, (seat + 1) % seats]
}

/// The other philosopher who uses `fork`.
fn neighbour_with(seat: usize, fork: usize, seats: usize) -> usize {
    if fork == seat {
        (seat + seats - 1) % seats
    } else {
        (seat + 1) % seats
    }
}

/// What the tests see of a dinner.
struct Observer {
    seats: usize,
    /// The forks each philosopher reported since their last meal.
    holding: Vec<Mutex<Vec<usize>>>,
    /// How many philosophers eat with each fork at once (at most one, or the fork is
    /// not really held).
    fork_users: Vec<HighWater>,
    /// Who is eating right now.
    eating: Vec<AtomicBool>,
    /// How many forks were taken and meals eaten so far: whether the dinner moves on.
    events: AtomicUsize,
    /// The meals of each philosopher, and the threads they ate on.
    meals: Mutex<Vec<(usize, ThreadId)>>,
    /// Set: the first forks' rendezvous that forces the obvious program's deadlock.
    first_forks: Option<FirstForks>,
    /// Set: a host who waits for a philosopher who shares no fork with them.
    host: Option<Host>,
    /// The forks each philosopher took first, meal by meal.
    first_taken: Vec<Mutex<HashSet<usize>>>,
}

impl Observer {
    fn new(seats: usize, force_the_deadlock: bool) -> Observer {
        Observer {
            seats,
            holding: (0..seats).map(|_| Mutex::default()).collect(),
            fork_users: (0..seats).map(|_| HighWater::new()).collect(),
            eating: (0..seats).map(|_| AtomicBool::new(false)).collect(),
            events: AtomicUsize::new(0),
            meals: Mutex::default(),
            first_forks: force_the_deadlock.then(|| FirstForks::new(seats)),
            host: None,
            first_taken: (0..seats).map(|_| Mutex::default()).collect(),
        }
    }

    fn took_fork(&self, seat: usize, fork: usize) {
        let forks = forks_of(seat, self.seats);
        assert!(
            forks.contains(&fork),
            "philosopher {seat} took fork {fork}, but their forks are {forks:?}: fork `seat` \
             and fork `(seat + 1) % seats`"
        );
        self.events.fetch_add(1, Ordering::SeqCst);
        let other = neighbour_with(seat, fork, self.seats);
        assert!(
            !self.eating[other].load(Ordering::SeqCst),
            "philosopher {seat} took fork {fork} while philosopher {other} was eating with \
             it: the fork's lock was not held for the whole meal. Hold the locks of both \
             forks until `eat` returns (a guard unlocks when it goes out of scope: keep both \
             guards alive in the block that calls `eat`)"
        );
        if let Some(host) = &self.host {
            host.took_fork(seat);
        }
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
        if let Some(&first) = holding.first() {
            self.first_taken[seat].lock().unwrap().insert(first);
        }
        holding.sort_unstable();
        let mut forks = forks_of(seat, self.seats);
        forks.sort_unstable();
        assert_eq!(
            holding, forks,
            "philosopher {seat} ate after reporting the forks {holding:?}, expected \
             {forks:?}: lock both forks, calling `took_fork` right after each lock, then \
             `eat`"
        );
        self.eating[seat].store(true, Ordering::SeqCst);
        self.events.fetch_add(1, Ordering::SeqCst);
        let _users: Vec<_> = forks.iter().map(|&f| self.fork_users[f].enter()).collect();
        if let Some(host) = &self.host {
            host.sits_down(seat);
        }
        thread::yield_now(); // a meal takes a moment, to let a neighbour try the forks
        self.meals
            .lock()
            .unwrap()
            .push((seat, thread::current().id()));
        if let Some(host) = &self.host {
            host.gets_up(seat);
        }
        self.eating[seat].store(false, Ordering::SeqCst);
    }

    /// Every philosopher holds exactly one fork.
    fn everyone_holds_one_fork(&self) -> Option<String> {
        let mut held = Vec::new();
        for (seat, holding) in self.holding.iter().enumerate() {
            match holding.lock().unwrap().as_slice() {
                [fork] => held.push(format!("philosopher {seat} holds fork {fork}")),
                _ => return None,
            }
        }
        Some(held.join(", "))
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
                     of both forks until `eat` returns"
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

/// How a host's wait for a guest ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meeting {
    /// A philosopher who shares no fork with the host ate while the host ate.
    Met,
    /// No guest came within `HOST_PATIENCE`, and no other philosopher even took a
    /// fork meanwhile (`false`); or no guest came at two meals, although the others
    /// took forks (`true`).
    Alone { forks_taken: bool },
}

/// A philosopher who, while eating, waits for a guest: a philosopher who shares no fork
/// with them, eating at the same time. Never panics.
struct Host {
    seat: usize,
    guests: Vec<usize>,
    state: Mutex<HostState>,
    changed: Condvar,
}

struct HostState {
    eating: Vec<bool>,
    meals_left: Vec<usize>,
    /// Forks taken by the others so far.
    forks_taken: usize,
    /// Meals at which the host waited in vain, although the others took forks.
    missed: usize,
    /// How the wait ended; `None` while undecided.
    meeting: Option<Meeting>,
}

impl Host {
    fn new(seat: usize, guests: Vec<usize>, seats: usize, meals: usize) -> Host {
        Host {
            seat,
            guests,
            state: Mutex::new(HostState {
                eating: vec![false; seats],
                meals_left: vec![meals; seats],
                forks_taken: 0,
                missed: 0,
                meeting: None,
            }),
            changed: Condvar::new(),
        }
    }

    fn took_fork(&self, seat: usize) {
        if seat != self.seat {
            self.state.lock().unwrap().forks_taken += 1;
            self.changed.notify_all();
        }
    }

    fn sits_down(&self, seat: usize) {
        let mut state = self.state.lock().unwrap();
        state.eating[seat] = true;
        let guest_eating = self.guests.iter().any(|&guest| state.eating[guest]);
        if state.meeting.is_none() && state.eating[self.seat] && guest_eating {
            state.meeting = Some(Meeting::Met);
        }
        self.changed.notify_all();
        if seat != self.seat || state.meeting.is_some() {
            return;
        }
        let forks_taken = state.forks_taken;
        let deadline = Instant::now() + HOST_PATIENCE;
        loop {
            if state.meeting.is_some() {
                return;
            }
            if self
                .guests
                .iter()
                .all(|&guest| state.meals_left[guest] == 0)
            {
                return; // every guest has eaten up: nobody can come to this meal
            }
            let now = Instant::now();
            if now >= deadline {
                // Nobody took a fork meanwhile: nobody could. Otherwise, give the
                // guests another chance at the host's next meal.
                state.missed += 1;
                if state.forks_taken == forks_taken {
                    state.meeting = Some(Meeting::Alone { forks_taken: false });
                } else if state.missed >= 2 {
                    state.meeting = Some(Meeting::Alone { forks_taken: true });
                }
                return;
            }
            state = self.changed.wait_timeout(state, deadline - now).unwrap().0;
        }
    }

    fn gets_up(&self, seat: usize) {
        let mut state = self.state.lock().unwrap();
        state.eating[seat] = false;
        state.meals_left[seat] -= 1;
        self.changed.notify_all();
    }
}

/// Runs a dinner and checks it; a deadlock or a hang fails with an explanation.
fn watch(observer: Observer, meals: usize) -> Arc<Observer> {
    let (seats, observer) = (observer.seats, Arc::new(observer));
    let watched = Arc::clone(&observer);
    let (done, finished) = mpsc::channel();
    // Named like the test's thread, so that a panic in `dine` reads as the test's.
    let name = thread::current().name().unwrap_or("dinner").to_owned();
    let dinner = thread::Builder::new()
        .name(name)
        .spawn(move || {
            dine(
                seats,
                meals,
                |seat, fork| watched.took_fork(seat, fork),
                |seat| watched.eat(seat),
            );
            let _ = done.send(thread::current().id());
        })
        .expect("the test could not start a thread");
    let start = Instant::now();
    let (mut events, mut since) = (observer.events.load(Ordering::SeqCst), Instant::now());
    let caller = loop {
        match finished.recv_timeout(Duration::from_millis(20)) {
            Ok(caller) => {
                let _ = dinner.join();
                break caller;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => match dinner.join() {
                Err(payload) => resume_unwind(payload),
                Ok(()) => unreachable!("the dinner ended without a result"),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let now = observer.events.load(Ordering::SeqCst);
        if now != events {
            (events, since) = (now, Instant::now());
        } else if since.elapsed() >= STUCK {
            if let Some(held) = observer.everyone_holds_one_fork() {
                panic!("dinner of {seats} philosophers deadlocked ({held}): {DEADLOCK}");
            }
        }
        assert!(
            start.elapsed() < LIMIT,
            "dinner of {seats} philosophers did not finish within {LIMIT:?}: it is \
             probably deadlocked or waiting forever (does every philosopher take one \
             fork and then wait for the next? {DEADLOCK})"
        );
    };
    observer.check(meals, caller);
    observer
}

/// Runs a dinner and checks it.
fn dinner(seats: usize, meals: usize, force_the_deadlock: bool) {
    watch(Observer::new(seats, force_the_deadlock), meals);
}

/// Runs a dinner with a host at `host`; how the host's wait ended, `None` when every
/// guest had eaten up before the host sat down.
fn hosted_dinner(seats: usize, meals: usize, host: usize, guests: &[usize]) -> Option<Meeting> {
    let mut observer = Observer::new(seats, false);
    observer.host = Some(Host::new(host, guests.to_vec(), seats, meals));
    let observer = watch(observer, meals);
    let host = observer.host.as_ref().expect("the dinner has a host");
    host.state.lock().unwrap().meeting
}

#[graded::test]
fn everyone_eats_every_meal() {
    dinner(5, 50, false);
}

#[graded::test]
fn no_deadlock_when_everyone_holds_a_fork() {
    dinner(5, 3, true);
}

#[graded::test]
fn two_philosophers_do_not_deadlock_either() {
    dinner(2, 3, true);
}

#[graded::test]
fn neighbours_never_share_a_fork() {
    dinner(4, 300, false);
}

/// The guests who can always eat while `host` eats and waits, given the fork each
/// philosopher takes first (`None`: either).
///
/// While the host waits, its forks stay taken. A philosopher whose second fork stays
/// taken may wait for it forever, holding their first fork, which then stays taken too,
/// and so on. A guest none of whose forks can end up taken that way eats, sooner or later.
fn free_guests(host: usize, first: &[Option<usize>]) -> Vec<usize> {
    let seats = first.len();
    let mut taken: HashSet<usize> = forks_of(host, seats).into();
    loop {
        let mut grew = false;
        for seat in (0..seats).filter(|&seat| seat != host) {
            let [left, right] = forks_of(seat, seats);
            let orders = match first[seat] {
                Some(fork) if fork == left => vec![(left, right)],
                Some(_) => vec![(right, left)],
                None => vec![(left, right), (right, left)],
            };
            for (first, second) in orders {
                if taken.contains(&second) && taken.insert(first) {
                    grew = true;
                }
            }
        }
        if !grew {
            break;
        }
    }
    (0..seats)
        .filter(|&seat| forks_of(seat, seats).iter().all(|f| !taken.contains(f)))
        .collect()
}

#[graded::test]
fn philosophers_who_share_no_fork_eat_at_the_same_time() {
    const SEATS: usize = 6;
    const SAME_TIME: &str = "philosophers who share no fork must be able to eat at the same \
        time: lock only the two forks of the philosopher who eats, in the global order \
        (lower-numbered fork first), and no other lock";
    // Which fork does each philosopher take first?
    let warm_up = watch(Observer::new(SEATS, false), 5);
    let first: Vec<Option<usize>> = warm_up
        .first_taken
        .iter()
        .map(|forks| {
            let forks = forks.lock().unwrap();
            (forks.len() == 1).then(|| *forks.iter().next().expect("one fork"))
        })
        .collect();
    // The host with the most guests who can always come (the first of them); if there
    // is none, philosopher 0, with everyone who shares no fork with them as a guest.
    let (host, guests) = (0..SEATS)
        .map(|host| (host, free_guests(host, &first)))
        .filter(|(_, guests)| !guests.is_empty())
        .min_by_key(|(host, guests)| (std::cmp::Reverse(guests.len()), *host))
        .unwrap_or_else(|| (0, (2..SEATS - 1).collect()));
    // Many meals, so that the host does not sit down after the guests have eaten up.
    let (mut alone, mut too_late) = (0, 0);
    while alone < 2 && too_late < 4 {
        match hosted_dinner(SEATS, 50, host, &guests) {
            Some(Meeting::Met) => return,
            Some(Meeting::Alone { forks_taken: false }) => panic!(
                "while philosopher {host} ate (for {HOST_PATIENCE:?}), no other \
                 philosopher could even take a fork: they ate one at a time. Is one \
                 lock held around the whole meal (one `Mutex` for the table, or a waiter \
                 who lets one philosopher in at a time), or do they dine one after \
                 another? {SAME_TIME}"
            ),
            Some(Meeting::Alone { forks_taken: true }) => alone += 1,
            None => too_late += 1,
        }
    }
    assert!(
        too_late < 4,
        "in {too_late} dinners of 50 meals each, philosopher {host} sat down to eat only \
         after the philosophers {guests:?} had eaten all their meals: do the philosophers \
         dine one after another? Start every philosopher's thread before you wait for \
         any of them. {SAME_TIME}"
    );
    panic!(
        "while philosopher {host} ate (for {HOST_PATIENCE:?}, at two meals, in two \
         dinners), none of the philosophers {guests:?}, who share no fork with them, got to \
         eat: {SAME_TIME}"
    );
}
