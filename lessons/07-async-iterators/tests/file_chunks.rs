//! Exercise `file_chunks`: a big input read in fixed-size chunks, lazily, in bounded memory.
//!
//! Three proofs:
//! - instrumented `AsyncRead`s (short reads, `Pending` between reads, an error) record
//!   every request: how many bytes the stream asked for at once, and how many it had been
//!   given when each chunk came out, so reading ahead or reading everything first shows;
//! - a 32 MiB file read through `file_chunks` while a counting global allocator records the
//!   peak of the heap: reading the whole file first needs 32 MiB, the stream a few chunks;
//! - (Unix) a named pipe whose writer sends the second chunk only when another task of the
//!   same runtime tells it to: a blocking `std::fs` read inside the stream stops that task,
//!   and the read waits forever; a real-time watchdog says so.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::StreamExt;
use lesson_07_async_iterators::file_chunks::{chunks_of, file_chunks};
use pretty_assertions::assert_eq;
use tokio::io::{AsyncRead, ReadBuf};

/// Counts the heap bytes allocated now and at most, for the whole test process.
struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// A global allocator is an `unsafe impl`: this one only counts and lets `System` allocate.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(held, Ordering::SeqCst);
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(held, Ordering::SeqCst);
        // SAFETY: the caller's contract for `alloc_zeroed` is passed on unchanged.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: the caller's contract for `dealloc` is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let grown = new_size - layout.size();
            let held = HELD.fetch_add(grown, Ordering::SeqCst) + grown;
            PEAK.fetch_max(held, Ordering::SeqCst);
        } else {
            HELD.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
        }
        // SAFETY: the caller's contract for `realloc` is passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

/// The byte at `position` of every input of these tests: a pattern that does not repeat
/// at any chunk size used here, so a chunk out of place shows.
fn byte_at(position: usize) -> u8 {
    (position % 251) as u8 ^ (position / 251 % 7) as u8
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(byte_at).collect()
}

/// What an instrumented reader saw.
#[derive(Default)]
struct Seen {
    /// The bytes it has given so far.
    served: usize,
    /// The largest room a `read` offered it.
    largest_request: usize,
    /// How many times it was polled.
    polls: usize,
}

/// A reader of `len` pattern bytes that gives at most `per_read` bytes per read, returns
/// `Pending` (after waking its task) every other poll, and fails with an error on the
/// read after `fail_after` bytes, if set.
struct Instrumented {
    len: usize,
    per_read: usize,
    fail_after: Option<usize>,
    pending_next: bool,
    seen: Arc<Mutex<Seen>>,
}

impl Instrumented {
    fn new(len: usize, per_read: usize) -> (Instrumented, Arc<Mutex<Seen>>) {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let reader = Instrumented {
            len,
            per_read,
            fail_after: None,
            pending_next: true,
            seen: seen.clone(),
        };
        (reader, seen)
    }
}

impl AsyncRead for Instrumented {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let mut seen = this.seen.lock().unwrap();
        seen.polls += 1;
        seen.largest_request = seen.largest_request.max(buf.remaining());
        if this.pending_next {
            this.pending_next = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        this.pending_next = true;
        if this.fail_after.is_some_and(|after| seen.served >= after) {
            return Poll::Ready(Err(io::Error::other("the disk is on fire")));
        }
        let n = buf
            .remaining()
            .min(this.per_read)
            .min(this.len - seen.served);
        let start = seen.served;
        let bytes: Vec<u8> = (start..start + n).map(byte_at).collect();
        buf.put_slice(&bytes);
        seen.served += n;
        Poll::Ready(Ok(()))
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Runs `test` on a current-thread runtime, on a thread of its own, and fails with
/// `advice` if it does not finish within a few seconds.
fn on_runtime<F: Future<Output = ()> + 'static>(
    advice: &str,
    test: impl FnOnce() -> F + Send + 'static,
) {
    shared::watchdog::within(Duration::from_secs(5), advice, move || {
        runtime().block_on(test())
    });
}

fn sizes(chunks: &[Vec<u8>]) -> Vec<usize> {
    chunks.iter().map(Vec::len).collect()
}

#[graded::test]
fn reads_one_chunk_at_a_time() {
    on_runtime("reading 3 chunks of 64 KiB", || async {
        let (reader, seen) = Instrumented::new(8 * MIB, usize::MAX);
        let mut chunks = pin!(chunks_of(reader, 64 * KIB));
        assert_eq!(
            seen.lock().unwrap().polls,
            0,
            "creating the stream read from the reader: nothing may be read before the \
             first chunk is asked for"
        );
        for k in 1..=3 {
            let chunk = chunks.next().await.expect("a chunk").expect("no error");
            assert_eq!(chunk.len(), 64 * KIB, "chunk {k} is 64 KiB");
            let seen = seen.lock().unwrap();
            assert!(
                seen.largest_request <= 64 * KIB,
                "the stream asked the reader for {} bytes at once, more than the chunk size \
                 of 64 KiB: `read_to_end`, `read_buf` into a growing `Vec` or a bigger \
                 `BufReader` read ahead, and memory grows with the input. Read into the \
                 chunk itself, at most the room left in it",
                seen.largest_request
            );
            assert!(
                seen.served == k * 64 * KIB,
                "after {k} chunk(s) of 64 KiB the reader had given {} bytes of 8 MiB, \
                 expected {}: the stream read ahead (the whole input first?). Read a chunk \
                 only when it is asked for",
                seen.served,
                k * 64 * KIB
            );
        }
    });
}

#[graded::test]
fn every_chunk_is_full_but_the_last() {
    on_runtime("reading 10000 bytes in chunks of 4096", || async {
        // At most 1000 bytes per read, and `Pending` between reads.
        let (reader, _seen) = Instrumented::new(10_000, 1000);
        let items: Vec<io::Result<Vec<u8>>> = chunks_of(reader, 4096).take(100).collect().await;
        let mut chunks = Vec::new();
        for item in items {
            match item {
                Ok(chunk) => chunks.push(chunk),
                Err(error) => panic!(
                    "the stream yielded an error ({error}) after {} chunk(s) of a 10000-byte \
                     input that never fails: `read_exact` fails with `UnexpectedEof` when \
                     the last chunk is short. Fill the chunk with `read` calls until it is \
                     full or a `read` returns 0",
                    chunks.len()
                ),
            }
        }
        assert!(
            sizes(&chunks) != [4096, 4096],
            "the short last chunk (1808 of 10000 bytes) was lost: `read_exact` fails with \
             `UnexpectedEof` when the input ends before the chunk is full, and the bytes it \
             read are dropped with it. Fill the chunk with `read` calls until it is full or \
             a `read` returns 0, and yield what was read"
        );
        assert_eq!(
            sizes(&chunks),
            vec![4096, 4096, 1808],
            "the chunk sizes of 10000 bytes in chunks of 4096, from a reader that gives at \
             most 1000 bytes per read: one `read` may return fewer bytes than asked; keep \
             reading into the same chunk until it is full or the input ends, and keep the \
             short last chunk"
        );
        assert!(
            chunks.concat() == pattern(10_000),
            "the chunks put together are not the input: bytes were lost, repeated or \
             reordered (each read must go to the part of the chunk still empty)"
        );
    });
}

#[graded::test]
fn no_empty_chunk() {
    on_runtime("reading 8192 bytes in chunks of 4096", || async {
        let (reader, _seen) = Instrumented::new(8192, 4096);
        let chunks: Vec<Vec<u8>> = chunks_of(reader, 4096)
            .take(100)
            .map(|chunk| chunk.expect("no error"))
            .collect()
            .await;
        assert_eq!(
            sizes(&chunks),
            vec![4096, 4096],
            "8192 bytes in chunks of 4096 are two chunks: no empty chunk at the end (a \
             chunk into which nothing was read ends the stream instead)"
        );
        let (reader, _seen) = Instrumented::new(0, 4096);
        let chunks: Vec<io::Result<Vec<u8>>> = chunks_of(reader, 4096).take(100).collect().await;
        assert_eq!(chunks.len(), 0, "an empty input gives no chunk at all");
    });
}

#[graded::test]
fn an_error_ends_the_stream() {
    on_runtime("reading until an error", || async {
        let (mut reader, seen) = Instrumented::new(10_000, 100);
        reader.fail_after = Some(150);
        let mut chunks = pin!(chunks_of(reader, 150));
        let first = chunks.next().await;
        assert_eq!(
            first.map(|chunk| chunk.map(|chunk| chunk.len()).ok()),
            Some(Some(150)),
            "the first chunk is 150 bytes (100 + 50 from two reads)"
        );
        match chunks.next().await {
            Some(Err(error)) => assert_eq!(error.to_string(), "the disk is on fire"),
            other => panic!(
                "the read after 150 bytes fails: the stream must yield that error as \
                 `Err(error)`; it gave {:?}",
                other.map(|chunk| chunk.map(|chunk| chunk.len()))
            ),
        }
        let polls = seen.lock().unwrap().polls;
        let after: Vec<io::Result<Vec<u8>>> = chunks.take(3).collect().await;
        assert!(
            after.is_empty(),
            "after yielding the error the stream goes on with {} more item(s): a stream ends \
             after its error (the `?` in `try_stream!` does that)",
            after.len()
        );
        assert_eq!(
            seen.lock().unwrap().polls,
            polls,
            "after the error the stream read again: it must end without another read"
        );
    });
}

#[graded::test]
fn a_big_file_in_bounded_memory() {
    let dir = shared::temp::TempDir::new("file-chunks");
    let path = dir.path().join("big.bin");
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let block = pattern(MIB);
        for _ in 0..32 {
            file.write_all(&block).unwrap();
        }
        file.write_all(&pattern(123)).unwrap();
    }
    let size = 64 * KIB;
    on_runtime("reading a 32 MiB file", move || async move {
        let block = pattern(MIB);
        let held_before = HELD.load(Ordering::SeqCst);
        PEAK.store(held_before, Ordering::SeqCst);
        let mut chunks = pin!(file_chunks(path, size));
        let mut count = 0usize;
        let mut bytes = 0usize;
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.expect("reading the file");
            let expected = if bytes < 32 * MIB { size } else { 123 };
            assert!(
                chunk.len() == expected,
                "chunk {count} of the 32 MiB + 123 bytes file has {} bytes, expected \
                 {expected}",
                chunk.len()
            );
            let offset = bytes % MIB;
            assert!(
                chunk == block[offset..offset + chunk.len()],
                "chunk {count} does not hold the file's bytes {bytes}..{}",
                bytes + chunk.len()
            );
            bytes += chunk.len();
            count += 1;
        }
        let peak = PEAK.load(Ordering::SeqCst).saturating_sub(held_before);
        assert!(
            peak <= 16 * size + 2 * MIB,
            "reading a 32 MiB file in chunks of 64 KiB held up to {} KiB of memory at once: \
             the stream read the whole file first (`tokio::fs::read`, `read_to_end`). Hold \
             one chunk at a time: read each chunk when it is asked for",
            peak / KIB
        );
        assert_eq!(
            count, 513,
            "32 MiB + 123 bytes are 512 full chunks and a short one"
        );
        drop(dir);
    });
}

#[graded::test]
fn a_missing_file_is_an_error() {
    on_runtime("opening a missing file", || async {
        let dir = shared::temp::TempDir::new("file-chunks");
        let chunks = file_chunks(dir.path().join("missing.bin"), 16);
        let items: Vec<io::Result<Vec<u8>>> = chunks.take(3).collect().await;
        match items.as_slice() {
            [Err(error)] => assert_eq!(error.kind(), io::ErrorKind::NotFound),
            _ => panic!(
                "the file does not exist: the stream yields the error of opening it as its \
                 only item, then ends; it gave {} item(s)",
                items.len()
            ),
        }
    });
}

/// A named pipe: its writer sends the first chunk, then waits for a go from a task of the
/// stream's own runtime before it sends the second. A stream that reads with a blocking
/// `std::fs` read keeps that runtime's thread busy, the go never comes, and the read waits
/// forever.
#[cfg(unix)]
#[graded::test]
fn never_blocks_the_runtime() {
    use std::sync::mpsc;

    let dir = shared::temp::TempDir::new("file-chunks");
    let path = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("running mkfifo");
    assert!(made.success(), "mkfifo failed");
    let size = 4096;

    let (go_sender, go) = mpsc::channel::<()>();
    let writer_path = path.clone();
    std::thread::spawn(move || {
        use std::io::Write;
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        pipe.write_all(&pattern(size)).unwrap();
        if go.recv_timeout(Duration::from_secs(10)).is_ok() {
            pipe.write_all(&pattern(2 * size)[size..]).unwrap();
        }
    });

    let (progress, steps) = mpsc::channel::<&str>();
    std::thread::spawn(move || {
        runtime().block_on(async move {
            let mut chunks = pin!(file_chunks(path, size));
            let first = chunks.next().await;
            assert!(matches!(first, Some(Ok(ref chunk)) if chunk.len() == size));
            let _ = progress.send("first");
            let go = async {
                // The stream is polled (and is waiting for the second chunk) before this
                // task sends the go.
                tokio::task::yield_now().await;
                let _ = go_sender.send(());
            };
            let (second, ()) = tokio::join!(chunks.next(), go);
            assert!(matches!(second, Some(Ok(ref chunk)) if chunk.len() == size));
            assert!(
                chunks.next().await.is_none(),
                "the pipe ends after 2 chunks"
            );
            let _ = progress.send("done");
        });
    });

    let step = steps.recv_timeout(Duration::from_secs(3));
    assert!(
        step == Ok("first"),
        "the first chunk of a named pipe did not come within 3 s, while its writer waits \
         after the first chunk: the stream reads the whole input before it yields \
         anything. Read one chunk at a time"
    );
    let step = steps.recv_timeout(Duration::from_secs(3));
    assert!(
        step == Ok("done"),
        "the stream's second read blocked the runtime's thread: while it waited for the \
         named pipe, no other task of the runtime ran (a task that would have let the \
         writer go on). `std::fs::File` and `std::io::Read` block; read with \
         `tokio::fs::File` and `tokio::io::AsyncReadExt`, which wait without blocking"
    );
    drop(dir);
}
