//! Exercise `averager`: a coroutine that takes a value and gives back the running average.
//!
//! The averages are checked one `send` at a time, and a wrong one is explained by the
//! mistake it matches (a blend of the last average and the new value, the average before
//! the value). A counting global allocator measures the heap memory the averager holds, so
//! an averager that keeps every value is caught however fast it is.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

use lesson_03_coroutines::averager::Averager;
use shared::watchdog::within;

/// Far above what a correct solution needs (milliseconds), below the runner's limit.
const LIMIT: Duration = Duration::from_secs(2);

/// How many values the memory test sends: keeping them all takes 32 KiB at least.
const SENDS: u32 = 4096;

/// The most heap memory an averager may hold: two numbers need none at all.
const MAX_HELD: isize = 1024;

/// The system allocator, counting the bytes that the thread which asked for it holds.
///
/// The allocator serves the whole test binary of this lesson. When a thread is not
/// counting (every thread but the one in `heap_held_by`), it costs one thread-local read
/// per allocation.
struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

thread_local! {
    /// Whether this thread counts its allocations now.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// The bytes this thread allocated and did not free since it started counting.
    static HELD: Cell<isize> = const { Cell::new(0) };
}

/// Adds `bytes` (negative: frees) to what the calling thread holds, if it is counting.
fn count(bytes: isize) {
    // `try_with`: an allocator must not panic, not even while a thread ends.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = HELD.try_with(|held| held.set(held.get() + bytes));
    }
}

// A global allocator is an `unsafe impl`: this one only counts and lets `System` allocate.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's guarantees for `layout` are passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: `ptr` was allocated by `System` with `layout`, through this allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: as for `dealloc`, and the caller's guarantees for `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f` and returns how many bytes of heap memory it left allocated (what the value it
/// returns holds, for one), and that value. (The tests of `fibonacci` use it too: a test
/// binary has one global allocator, and it lives here.)
pub(crate) fn heap_held_by<T>(f: impl FnOnce() -> T) -> (isize, T) {
    HELD.with(|held| held.set(0));
    COUNTING.with(|counting| counting.set(true));
    let value = f();
    COUNTING.with(|counting| counting.set(false));
    (HELD.with(Cell::get), value)
}

fn close_enough(got: f64, expected: f64) -> bool {
    (got - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

fn assert_close(got: f64, expected: f64, why: &str) {
    assert!(
        close_enough(got, expected),
        "got {got}, expected {expected}: {why}"
    );
}

/// "10", "10 and 20", "10, 20 and 60".
fn listed(values: &[f64]) -> String {
    match values {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(f64::to_string).collect();
            format!("{} and {last}", rest.join(", "))
        }
    }
}

/// Sends `values` to a fresh averager one by one and checks every average it returns; a
/// wrong one fails with the mistake it matches.
fn check_averages(values: &[f64]) {
    let mut avg = Averager::new();
    let mut previous: Option<f64> = None;
    for (i, &value) in values.iter().enumerate() {
        let sent = &values[..=i];
        let expected = sent.iter().sum::<f64>() / sent.len() as f64;
        let got = avg.send(value);
        if close_enough(got, expected) {
            previous = Some(got);
            continue;
        }
        let before = &values[..i];
        let average_before = before.iter().sum::<f64>() / before.len() as f64;
        let why = if close_enough(got, (previous.unwrap_or(0.0) + value) / 2.0) {
            "averaging the previous average with the new value weights recent values more (the \
             last one counts for half); keep a running sum and a count, and return sum / count"
        } else if close_enough(got, average_before)
            || (before.is_empty() && (got == 0.0 || got.is_nan()))
        {
            "`send` returned the average *before* this value: add the value to the sum and \
             the count first, then return the average that includes it"
        } else {
            "the average is the sum of every value sent so far divided by how many were sent: \
             keep a running sum and a count"
        };
        panic!(
            "the average of {} is {expected}, got {got}: {why}",
            listed(sent)
        );
    }
}

#[graded::test]
fn every_value_counts_the_same() {
    check_averages(&[10.0, 20.0, 60.0]);
}

#[graded::test]
fn the_lecture_values() {
    // The lecture's session: 10.0, then 20.0, then 15.0.
    check_averages(&[10.0, 30.0, 5.0]);
}

#[graded::test]
fn close_returns_the_last_average() {
    let mut avg = Averager::new();
    for value in [1.0, 2.0, 3.0, 4.0] {
        avg.send(value);
    }
    match avg.close() {
        Some(last) => assert_close(last, 2.5, "`close` returns the last average"),
        None => panic!("four values were sent: `close` returns `Some(last average)`"),
    }
}

#[graded::test]
fn close_without_values_returns_none() {
    assert_eq!(
        Averager::new().close(),
        None,
        "nothing was sent, so there is no average (not 0, not NaN)"
    );
}

#[graded::test]
fn averagers_are_independent() {
    let mut a = Averager::new();
    let mut b = Averager::new();
    a.send(100.0);
    assert_close(
        b.send(1.0),
        1.0,
        "the first send to a fresh averager returns the value sent: it knows nothing of \
         another averager's values (keep the state in the struct, not in a `static`)",
    );
    assert_close(a.send(0.0), 50.0, "the first averager has its own values");
}

#[graded::test]
fn the_state_is_two_numbers_not_every_value() {
    // The averager is returned, so it is still alive (and holding its memory) when the
    // bytes are counted.
    let (held, _averager) = heap_held_by(|| {
        let mut avg = Averager::new();
        for value in 1..=SENDS {
            avg.send(f64::from(value));
        }
        avg
    });
    assert!(
        held <= MAX_HELD,
        "after {SENDS} sends the averager holds {held} bytes of heap memory, more with every \
         value sent: it keeps every value. Keep a running sum and a count, not every value: \
         two numbers, whatever the count"
    );
}

#[graded::test]
fn a_million_sends_are_quick() {
    let (average, last) = within(
        LIMIT,
        "a million sends (does each send sum every value sent before it? keep a running \
         total and a count instead)",
        || {
            let mut avg = Averager::new();
            let mut average = 0.0;
            for value in 1..=1_000_000u32 {
                average = avg.send(f64::from(value));
            }
            (average, avg.close())
        },
    );
    assert_close(average, 500_000.5, "the average of 1 to 1000000");
    match last {
        Some(last) => assert_close(last, average, "`close` gives the last average"),
        None => panic!("a million values were sent: `close` returns `Some(last average)`"),
    }
}
