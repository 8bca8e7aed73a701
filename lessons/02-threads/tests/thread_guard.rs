//! Exercise `thread_guard`: join on drop, and re-raise the thread's panic.

use std::panic::resume_unwind;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use lesson_02_threads::thread_guard::ThreadGuard;
use pretty_assertions::assert_eq;
use shared::panics;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

use shared::panics::{catch_quietly, panic_on_purpose};

/// Far above what a correct solution needs, above the rendezvous' patience and below the
/// runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(5);

/// How long the guarded thread and the caller wait for each other.
const PATIENCE: Duration = Duration::from_millis(500);

/// How long a guarded thread works while its caller panics: a `drop` that joins waits
/// that long for it, one that does not returns long before.
const WORKS: Duration = Duration::from_millis(300);

/// Runs `f` under a watchdog and returns the message it panicked with, or `None` if it
/// did not panic. A starter's `todo!()` is passed on as it is.
fn panic_of(what: &str, f: impl FnOnce() + Send + 'static) -> Option<String> {
    within(LIMIT, what, move || {
        let payload = catch_quietly(f).err()?;
        let text = panics::message(payload.as_ref());
        if text.starts_with("not yet implemented") {
            resume_unwind(payload);
        }
        Some(text)
    })
}

const ORIGINAL_MESSAGE: &str = "re-raise the thread's panic with its own payload: \
    `std::panic::resume_unwind(payload)` with the `Err` of `JoinHandle::join` (`unwrap` or \
    `expect` would replace the thread's message with one of yours)";

#[graded::test]
fn join_returns_what_the_thread_returned() {
    let value = within(LIMIT, "joining a guard", || {
        ThreadGuard::spawn(|| 6 * 7).join()
    });
    assert_eq!(value, 42);
    let text = within(LIMIT, "joining a guard", || {
        ThreadGuard::spawn(|| "a String".to_string()).join()
    });
    assert_eq!(text, "a String");
}

#[graded::test]
fn the_thread_runs_while_the_caller_goes_on() {
    // The guarded thread and the test's thread wait for each other: spawning must not
    // wait for the thread to finish.
    let rendezvous = Rendezvous::with_timeout(2, PATIENCE);
    let in_thread = rendezvous.clone();
    within(LIMIT, "spawning a guard", move || {
        let advice = "the guarded thread and the caller did not run at the same time: \
                      `spawn` must return at once, while the thread runs (do not join it \
                      in `spawn`)";
        let guard = ThreadGuard::spawn(move || in_thread.wait_or_explain(advice));
        rendezvous.wait_or_explain(advice);
        guard.join();
    });
}

#[graded::test]
fn dropping_the_guard_waits_for_the_thread() {
    let finished = Arc::new(AtomicBool::new(false));
    let in_thread = Arc::clone(&finished);
    let (dropped, wait_for_the_drop) = mpsc::channel::<()>();
    let finished_when_dropped = within(LIMIT, "spawning and dropping a guard", move || {
        let guard = ThreadGuard::spawn(move || {
            // Works until the guard has been dropped (a guard that does not wait is
            // dropped at once), or for WORKS.
            let _ = wait_for_the_drop.recv_timeout(WORKS);
            in_thread.store(true, Ordering::SeqCst);
        });
        drop(guard);
        finished.load(Ordering::SeqCst)
    });
    let _ = dropped.send(());
    assert!(
        finished_when_dropped,
        "the thread was still running after its guard was dropped: `drop` must join the \
         thread (a dropped `JoinHandle` only detaches it)"
    );
}

#[graded::test]
fn join_re_raises_the_panic_of_the_thread() {
    let message = panic_of("joining a guard whose thread panicked", || {
        let guard: ThreadGuard<u32> = ThreadGuard::spawn(|| panic_on_purpose("the worker failed"));
        guard.join();
    });
    assert_eq!(
        message.as_deref(),
        Some("the worker failed"),
        "`join` of a thread that panicked with \"the worker failed\": {ORIGINAL_MESSAGE}"
    );
}

#[graded::test]
fn dropping_the_guard_re_raises_the_panic_of_the_thread() {
    let message = panic_of("dropping a guard whose thread panicked", || {
        let guard: ThreadGuard<()> =
            ThreadGuard::spawn(|| panic_on_purpose(format!("disk full at block {}", 7)));
        drop(guard);
    });
    let message = message.unwrap_or_else(|| {
        panic!(
            "the thread panicked, but dropping its guard did not: a panic must never be \
             lost. Join the thread in `drop` and re-raise its panic"
        )
    });
    assert_eq!(
        message, "disk full at block 7",
        "dropping the guard of a thread that panicked with \"disk full at block 7\": \
         {ORIGINAL_MESSAGE}"
    );
}

/// If the guard re-raises the thread's panic while the caller is already unwinding, the
/// process aborts ("panic in a destructor during cleanup"), and this test crashes.
#[graded::test]
fn dropping_during_a_panic_joins_and_does_not_abort() {
    let finished = Arc::new(AtomicBool::new(false));
    let in_thread = Arc::clone(&finished);
    let (caller_caught_it, wait_for_the_caller) = mpsc::channel::<()>();
    let message = panic_of("a panic with a guard in scope", move || {
        let _guard = ThreadGuard::spawn(move || {
            // Works until the caller's panic has been caught (a guard that does not
            // join lets it through at once), or for WORKS.
            let _ = wait_for_the_caller.recv_timeout(WORKS);
            in_thread.store(true, Ordering::SeqCst);
            panic_on_purpose("the worker failed");
        });
        panic_on_purpose("the caller failed");
    });
    let joined = finished.load(Ordering::SeqCst);
    let _ = caller_caught_it.send(());
    assert_eq!(
        message.as_deref(),
        Some("the caller failed"),
        "while the caller unwinds from its own panic, `drop` must join the thread but \
         not re-raise its panic (check `std::thread::panicking()`)"
    );
    assert!(
        joined,
        "the caller panicked, and its panic left the guard's scope while the thread was \
         still running: `drop` must join the thread while the caller unwinds too (only \
         the thread's panic is swallowed then, not the join)"
    );
}
