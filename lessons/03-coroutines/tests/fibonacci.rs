//! Exercise `fibonacci`: generators from closures, `successors` and `from_fn`.
//!
//! Laziness is observed through a reader that counts the bytes it hands out: a generator
//! that reads before it is asked, or reads more than one chunk per `next`, is caught. A
//! Fibonacci generator that computes its numbers ahead holds them on the heap, which the
//! counting allocator of the `averager` tests measures.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use lesson_03_coroutines::fibonacci::{fibonacci, read_chunks};
use pretty_assertions::assert_eq;

use crate::averager::heap_held_by;

/// More chunks than any input of these tests has: a generator that never ends is cut off
/// here instead of running (and allocating) forever.
const CAP: usize = 100;

/// F(93), the largest Fibonacci number that fits in a `u64`.
const F93: u64 = 12_200_160_415_121_876_738;

/// The most heap memory a new generator may hold: a lazy one needs none, a list of the 94
/// numbers takes 752 bytes.
const MAX_HELD: isize = 64;

/// Runs `f`, and returns the message of its panic if it panics, without the default hook
/// printing it first: the test's own message, which quotes it, is then the first one.
fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    shared::panics::catch_quietly(f).map_err(|payload| shared::panics::message(payload.as_ref()))
}

#[graded::test]
fn fibonacci_starts_0_1_1_2() {
    let first: Vec<u64> = fibonacci().take(12).collect();
    assert_eq!(
        first,
        vec![0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
        "the Fibonacci numbers start with F(0) = 0 and F(1) = 1; each next one is the sum \
         of the two before it"
    );
}

#[graded::test]
fn fibonacci_ends_with_the_last_number_that_fits() {
    // `take` keeps a generator that never ends from running forever.
    let fib = fibonacci();
    let all: Vec<u64> = catch_quietly(|| fib.take(1000).collect()).unwrap_or_else(|message| {
        panic!(
            "the generator panicked on its way to the end ({message:?}): `+` overflows a u64 \
             after F(93); compute with `checked_add`, and end the generator when it returns \
             `None`"
        )
    });
    assert!(
        all.len() <= 94,
        "the generator went on past F(93), the largest Fibonacci number in a u64, to {} \
         values (with wrapping arithmetic?): end it instead, with `checked_add`",
        all.len()
    );
    assert_eq!(
        all.last(),
        Some(&F93),
        "the last value must be F(93) = {F93}, the largest Fibonacci number in a u64: end the \
         generator when the *next* number overflows, not the one after it (got {} values)",
        all.len()
    );
    assert_eq!(all.len(), 94, "F(0) to F(93) are 94 numbers");
    assert!(
        all.windows(3).all(|w| w[0].checked_add(w[1]) == Some(w[2])),
        "every number is the sum of the two before it"
    );
}

#[graded::test]
fn fibonacci_is_lazy() {
    // A generator holds where it stands, not a list of the values to come; 5 values out of
    // it take no time at all, and the generator is not exhausted by taking them.
    let (held, mut fib) = heap_held_by(fibonacci);
    assert!(
        held <= MAX_HELD,
        "creating the generator left {held} bytes allocated: it computed the numbers ahead, \
         into a list. Compute each number when it is asked for, in the closure given to \
         `successors`, from the pair (F(n), F(n + 1)) alone"
    );
    let first: Vec<u64> = fib.by_ref().take(5).collect();
    assert_eq!(first, vec![0, 1, 1, 2, 3]);
    assert_eq!(
        fib.next(),
        Some(5),
        "after `take(5)`, the generator resumes at F(5) = 5"
    );
}

/// A reader over `data` that hands out at most `per_read` bytes per `read` call and
/// counts the bytes and calls.
struct CountingReader {
    data: Vec<u8>,
    position: usize,
    per_read: usize,
    served: Rc<Cell<usize>>,
    calls: Rc<Cell<usize>>,
}

/// What the test sees of a `CountingReader` once it is moved into the generator.
struct Counters {
    served: Rc<Cell<usize>>,
    calls: Rc<Cell<usize>>,
}

fn counting_reader(data: &[u8], per_read: usize) -> (CountingReader, Counters) {
    let served = Rc::new(Cell::new(0));
    let calls = Rc::new(Cell::new(0));
    let reader = CountingReader {
        data: data.to_vec(),
        position: 0,
        per_read,
        served: served.clone(),
        calls: calls.clone(),
    };
    (reader, Counters { served, calls })
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls.set(self.calls.get() + 1);
        let rest = &self.data[self.position..];
        let n = rest.len().min(buf.len()).min(self.per_read);
        buf[..n].copy_from_slice(&rest[..n]);
        self.position += n;
        self.served.set(self.served.get() + n);
        Ok(n)
    }
}

fn chunks_of(text: &[u8], size: usize) -> Vec<Vec<u8>> {
    let chunks = read_chunks(text, size).map(|chunk| chunk.expect("reading a slice never fails"));
    chunks.take(CAP).collect()
}

#[graded::test]
fn read_chunks_splits_the_input() {
    assert_eq!(
        chunks_of(b"hello world", 4),
        vec![b"hell".to_vec(), b"o wo".to_vec(), b"rld".to_vec()],
        "chunks of 4 bytes; the last one is what is left, and a `read` that returns 0 bytes \
         ends the generator"
    );
    assert_eq!(
        chunks_of(b"abcdef", 3),
        vec![b"abc".to_vec(), b"def".to_vec()],
        "no empty chunk at the end: a `read` that returns 0 bytes ends the generator"
    );
    assert_eq!(
        chunks_of(b"", 3),
        Vec::<Vec<u8>>::new(),
        "empty input, no chunks"
    );
}

#[graded::test]
fn read_chunks_reads_nothing_until_asked() {
    let data = vec![7u8; 10_000];
    let (reader, counters) = counting_reader(&data, usize::MAX);
    let mut chunks = read_chunks(reader, 1000);
    assert_eq!(
        counters.calls.get(),
        0,
        "creating the generator called `read`: a generator does nothing until its first \
         `next` (do the reading inside the closure given to `from_fn`)"
    );
    let first = chunks.next().expect("a first chunk").expect("no error");
    assert_eq!(first.len(), 1000, "the first chunk is 1000 bytes");
    assert_eq!(
        counters.served.get(),
        1000,
        "after the first chunk the generator had read {} bytes of 10000: it read ahead. Read \
         one chunk per `next`, when it is asked for",
        counters.served.get()
    );
    chunks.next().expect("a second chunk").expect("no error");
    assert_eq!(
        counters.served.get(),
        2000,
        "after two chunks, 2000 bytes were read"
    );
}

#[graded::test]
fn read_chunks_makes_one_read_per_chunk() {
    // This reader hands out at most 3 bytes per call: each chunk is what one call gave.
    let (reader, counters) = counting_reader(b"abcdefgh", 3);
    let chunks: Vec<Vec<u8>> = read_chunks(reader, 100)
        .take(CAP)
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        chunks,
        vec![b"abc".to_vec(), b"def".to_vec(), b"gh".to_vec()],
        "each `next` makes one `read` call and yields what that call returned, even when it \
         is shorter than `size`"
    );
    assert_eq!(
        counters.calls.get(),
        4,
        "3 reads that gave bytes and 1 that gave 0 (the end)"
    );
}

/// A reader that fails on its second call, and would give data again afterwards.
struct FailingReader {
    calls: usize,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls == 2 {
            return Err(io::Error::other("the disk is on fire"));
        }
        buf[0] = b'x';
        Ok(1)
    }
}

#[graded::test]
fn read_chunks_yields_an_error_and_ends() {
    let mut chunks = read_chunks(FailingReader { calls: 0 }, 8);
    assert_eq!(
        chunks.next().map(|chunk| chunk.ok()),
        Some(Some(b"x".to_vec())),
        "the first read gives one byte"
    );
    match chunks.next() {
        Some(Err(error)) => assert_eq!(error.to_string(), "the disk is on fire"),
        other => panic!(
            "the second read fails: the generator yields `Some(Err(error))` with that error, \
             got {other:?}"
        ),
    }
    let after: Vec<bool> = chunks.take(3).map(|chunk| chunk.is_ok()).collect();
    assert!(
        after.is_empty(),
        "after yielding the error the generator is finished and returns `None`, got {} more \
         item(s)",
        after.len()
    );
}
