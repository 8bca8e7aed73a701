//! Exercise `countdown`: a generator written as an `Iterator` struct.

use lesson_03_coroutines::countdown::Countdown;
use pretty_assertions::assert_eq;

/// More values than any countdown of these tests has: a generator that never ends is
/// cut off here instead of running (and allocating) forever.
const CAP: usize = 100;

#[graded::test]
fn counts_down_to_one() {
    let values: Vec<u32> = Countdown::new(5).take(CAP).collect();
    assert!(
        values.last() != Some(&0),
        "a countdown from 5 yielded {values:?}: one value too many, a final 0. The countdown \
         must stop after 1 (Python's `while n > 0`): when the number is 0, return `None` \
         instead of yielding it"
    );
    assert_eq!(
        values,
        vec![5, 4, 3, 2, 1],
        "a countdown from 5 yields 5, 4, 3, 2, 1: it starts at `from` and its last value is 1 \
         (Python's `while n > 0: yield n; n -= 1`)"
    );
    let values: Vec<u32> = Countdown::new(1).take(CAP).collect();
    assert_eq!(values, vec![1], "a countdown from 1 yields only 1");
}

#[graded::test]
fn a_countdown_from_zero_yields_nothing() {
    let mut countdown = Countdown::new(0);
    assert_eq!(
        countdown.next(),
        None,
        "a countdown from 0 has nothing to yield (`while n > 0` never runs)"
    );
}

#[graded::test]
fn a_countdown_from_u32_max_starts_at_once() {
    // A generator's state is where it stands now, not a list of what is to come: a
    // countdown from u32::MAX yields its first values at once (and `from + 1` overflows).
    let first: Vec<u32> = Countdown::new(u32::MAX).take(3).collect();
    assert_eq!(
        first,
        vec![u32::MAX, u32::MAX - 1, u32::MAX - 2],
        "a countdown from u32::MAX starts at u32::MAX"
    );
}

#[graded::test]
fn a_finished_countdown_stays_finished() {
    let mut countdown = Countdown::new(2);
    assert_eq!(
        countdown.next(),
        Some(2),
        "a countdown from 2 starts with 2"
    );
    assert_eq!(countdown.next(), Some(1), "and then yields 1");
    for call in 1..=3 {
        assert_eq!(
            countdown.next(),
            None,
            "call {call} of `next` after the end: a finished generator keeps returning `None` \
             (and must not step below 0)"
        );
    }
}

#[graded::test]
fn size_hint_is_exact() {
    let mut countdown = Countdown::new(4);
    assert_eq!(
        countdown.size_hint(),
        (4, Some(4)),
        "`size_hint` of a fresh countdown from 4: exactly 4 values are left, so return \
         (4, Some(4)) (the default (0, None) says \"no idea\")"
    );
    countdown.next();
    countdown.next();
    assert_eq!(
        countdown.size_hint(),
        (2, Some(2)),
        "`size_hint` after two values of a countdown from 4: 2 are left"
    );
    assert_eq!(countdown.len(), 2, "`len()` (ExactSizeIterator) agrees");
    countdown.by_ref().take(CAP).for_each(drop);
    assert_eq!(
        countdown.size_hint(),
        (0, Some(0)),
        "`size_hint` of a finished countdown"
    );
}

#[graded::test]
fn a_copy_resumes_where_the_original_stood() {
    let mut original = Countdown::new(5);
    original.next();
    original.next();
    let mut copy = original; // `Countdown` is `Copy`: this copies the state
    assert_eq!(
        original.next(),
        Some(3),
        "a countdown from 5 yields 3 after 5 and 4"
    );
    assert_eq!(original.next(), Some(2), "and then 2");
    let rest: Vec<u32> = copy.by_ref().take(CAP).collect();
    assert_eq!(
        rest,
        vec![3, 2, 1],
        "a copy taken after 5 and 4 resumes at 3, however far the original went on: the \
         state is in the struct's fields, nowhere else"
    );
    let rest: Vec<u32> = original.take(CAP).collect();
    assert_eq!(rest, vec![1], "and the original goes on where it stood");
}
