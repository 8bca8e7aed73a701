//! Exercise `close_flush`: `close().await` flushes and syncs; a writer dropped without it
//! reports its buffered lines as lost, synchronously (not spawned: checked right after the
//! drop and again later; not blocked on: the drop runs inside a watchdog; not needing a
//! runtime: dropped outside one). Cancelled anywhere (`at_every_await`), no line vanishes.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use lesson_06_async_cleanup::close_flush::{CAPACITY, Sink, Writer};
use pretty_assertions::assert_eq;
use shared::cancel::{Stop, at_every_await};
use shared::panics::{catch_quietly, message};
use shared::watchdog::on_paused_runtime;

/// Runs `test` on a paused current-thread runtime of its own, inside a watchdog: a `Drop`
/// that blocks on the async write blocks the runtime's only thread, which then never
/// drives the write's timer.
fn paused<F: Future<Output = ()> + 'static>(what: &str, test: fn() -> F) {
    on_paused_runtime(
        Duration::from_secs(2),
        &format!(
            "{what} (does `Drop` block on the async write, with `block_on`? It blocks the \
             runtime's thread, the very thread that must drive the write: a hang. `Drop` \
             can only do what is synchronous: `sink.report_lost(..)`)"
        ),
        test,
    );
}

fn lines(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

#[graded::test]
fn a_dropped_writer_reports_its_lines_at_once() {
    paused("dropping a writer with 2 buffered lines", dropped_writer);
}

async fn dropped_writer() {
    let sink = Sink::new();
    let mut writer = Writer::new(sink.clone());
    writer.write_line("a").await;
    writer.write_line("b").await;
    assert_eq!(
        (writer.buffered(), sink.written()),
        (2, vec![]),
        "2 lines stay buffered (the buffer is flushed at {CAPACITY} lines)"
    );
    drop(writer);
    if sink.lost().is_empty() {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if sink.written() == lines(&["a", "b"]) {
            panic!(
                "the dropped writer's 2 lines were written only after `drop` had returned: \
                 the flush was spawned from `Drop`. Spawned work runs after the owner is \
                 gone (or never), and outside a runtime `tokio::spawn` panics. `Drop` can \
                 only do what is synchronous: report the lines with `sink.report_lost(..)`"
            );
        }
        panic!(
            "a writer dropped without `close` lost its 2 buffered lines silently (the sink \
             has written {:?}, lost {:?}): report them in `Drop` with \
             `sink.report_lost(&self.buffer)`",
            sink.written(),
            sink.lost()
        );
    }
    assert_eq!(
        (sink.lost(), sink.written()),
        (lines(&["a", "b"]), vec![]),
        "the dropped writer's buffered lines must be reported lost, in order, and not written"
    );
}

#[graded::test]
fn a_writer_dropped_outside_a_runtime_does_not_panic() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let sink = Sink::new();
    let mut writer = Writer::new(sink.clone());
    runtime.block_on(writer.write_line("x"));
    // No runtime is entered here.
    if let Err(payload) = catch_quietly(move || drop(writer)) {
        panic!(
            "dropping a writer outside a runtime panicked ({:?}): `Drop` must not spawn or \
             block on async work; report the buffered lines with `sink.report_lost(..)`",
            message(payload.as_ref())
        );
    }
    assert_eq!(sink.lost(), ["x"], "the buffered line is reported lost");
}

#[graded::test]
fn close_flushes_and_syncs() {
    paused("closing a writer", close_writes_everything);
}

async fn close_writes_everything() {
    let sink = Sink::new();
    let mut writer = Writer::new(sink.clone());
    for line in ["a", "b", "c", "d", "e"] {
        writer.write_line(line).await;
    }
    let start = tokio::time::Instant::now();
    writer.close().await;
    assert_eq!(
        sink.written(),
        lines(&["a", "b", "c", "d", "e"]),
        "`close` must flush the buffered lines (d, e) before it returns"
    );
    assert_eq!(
        sink.synced(),
        5,
        "`close` must `sink.sync().await` after the flush: the written lines are not durable \
         until then"
    );
    assert_eq!(
        sink.lost(),
        Vec::<String>::new(),
        "a closed writer loses nothing"
    );
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(20),
        "closing with 2 buffered lines is one write (10 ms) and one sync (10 ms)"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_full_buffer_is_flushed_by_write_line() {
    let sink = Sink::new();
    let mut writer = Writer::new(sink.clone());
    writer.write_line("a").await;
    writer.write_line("b").await;
    assert_eq!(
        sink.written(),
        Vec::<String>::new(),
        "2 lines stay buffered"
    );
    let start = tokio::time::Instant::now();
    writer.write_line("c").await;
    assert_eq!(
        (sink.written(), writer.buffered()),
        (lines(&["a", "b", "c"]), 0),
        "the {CAPACITY}rd line fills the buffer: `write_line` flushes it (one write) and \
         the buffer is empty"
    );
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(10),
        "the flush is one write of the 3 lines"
    );
    writer.write_line("d").await;
    assert_eq!(writer.buffered(), 1);
    writer.flush().await;
    writer.flush().await;
    assert_eq!(
        sink.written(),
        lines(&["a", "b", "c", "d"]),
        "`flush` writes the buffer, and a second `flush` with nothing buffered writes nothing"
    );
    let start = tokio::time::Instant::now();
    writer.close().await;
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(10),
        "closing with an empty buffer is only the sync: a flush of nothing must not write"
    );
    assert_eq!(sink.synced(), 4);
}

#[graded::test]
fn cancelled_anywhere_no_line_vanishes() {
    paused(
        "a writer cancelled at every await point",
        cancelled_anywhere,
    );
}

async fn cancelled_anywhere() {
    let current = RefCell::new(Sink::new());
    // The lines handed to `write_line` so far in the current run.
    let given: Rc<RefCell<Vec<String>>> = Rc::default();
    at_every_await(
        || {
            let sink = Sink::new();
            *current.borrow_mut() = sink.clone();
            given.borrow_mut().clear();
            let given = Rc::clone(&given);
            async move {
                let mut writer = Writer::new(sink);
                for line in ["a", "b", "c", "d"] {
                    given.borrow_mut().push(line.to_string());
                    writer.write_line(line).await;
                }
                writer.close().await;
            }
        },
        |stop: Stop<&()>| {
            let sink = current.borrow();
            let (written, lost) = (sink.written(), sink.lost());
            let mut seen: Vec<String> = written.iter().chain(&lost).cloned().collect();
            seen.sort();
            let all = given.borrow().clone();
            if seen != all {
                let vanished: Vec<&String> = all.iter().filter(|l| !seen.contains(l)).collect();
                return Err(format!(
                    "every line must end up written or reported lost, once: written \
                     {written:?}, lost {lost:?}, vanished {vanished:?}. Was the buffer \
                     emptied (`std::mem::take`) before the write's `.await` completed? A \
                     write cancelled there writes nothing, and the lines are gone: clear the \
                     buffer only after the write"
                ));
            }
            if matches!(stop, Stop::Completed { .. }) && sink.synced() != 4 {
                return Err(format!(
                    "closed, but only {} of 4 lines are synced",
                    sink.synced()
                ));
            }
            Ok(())
        },
    )
    .await;
}
