//! Exercise `thread_guard`: join on drop, and re-raise the thread's panic.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use lesson_02_threads::thread_guard::ThreadGuard;
use pretty_assertions::assert_eq;
use shared::panics;
use shared::rendezvous::Rendezvous;
use shared::watchdog::within;

/// Far above what a correct solution needs, above the rendezvous' patience (5 s) and
/// below the runner's per-test limit.
const LIMIT: Duration = Duration::from_secs(8);

/// Runs `f` under a watchdog and returns the message it panicked with, or `None` if it
/// did not panic. A starter's `todo!()` is passed on as it is.
fn panic_of(what: &str, f: impl FnOnce() + Send + 'static) -> Option<String> {
    within(LIMIT, what, move || {
        let payload = catch_unwind(AssertUnwindSafe(f)).err()?;
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

#[test]
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

#[test]
fn the_thread_runs_while_the_caller_goes_on() {
    // The guarded thread and the test's thread wait for each other: spawning must not
    // wait for the thread to finish.
    let rendezvous = Rendezvous::new(2);
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

#[test]
fn dropping_the_guard_waits_for_the_thread() {
    let finished = Arc::new(AtomicBool::new(false));
    let in_thread = Arc::clone(&finished);
    within(
        LIMIT,
        "spawning and dropping a guard (`spawn` must return at once, while the thread runs)",
        move || {
            let (go, wait_for_go) = mpsc::channel::<()>();
            let guard = ThreadGuard::spawn(move || {
                let _ = wait_for_go.recv();
                // Work that takes a while, so that a guard that does not wait returns first.
                thread::sleep(Duration::from_millis(200));
                in_thread.store(true, Ordering::SeqCst);
            });
            go.send(()).expect("the thread is waiting for the go");
            drop(guard);
        },
    );
    assert!(
        finished.load(Ordering::SeqCst),
        "the thread was still running after its guard was dropped: `drop` must join the \
         thread (a dropped `JoinHandle` only detaches it)"
    );
}

#[test]
fn join_re_raises_the_panic_of_the_thread() {
    let message = panic_of("joining a guard whose thread panicked", || {
        let guard: ThreadGuard<u32> = ThreadGuard::spawn(|| panic!("the worker failed"));
        guard.join();
    });
    assert_eq!(
        message.as_deref(),
        Some("the worker failed"),
        "`join` of a thread that panicked with \"the worker failed\": {ORIGINAL_MESSAGE}"
    );
}

#[test]
fn dropping_the_guard_re_raises_the_panic_of_the_thread() {
    let message = panic_of("dropping a guard whose thread panicked", || {
        let guard = ThreadGuard::spawn(|| panic!("disk full at block {}", 7));
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
#[test]
fn dropping_during_a_panic_does_not_abort() {
    let message = panic_of("a panic with a guard in scope", || {
        let _guard = ThreadGuard::spawn(|| panic!("the worker failed"));
        panic!("the caller failed");
    });
    assert_eq!(
        message.as_deref(),
        Some("the caller failed"),
        "while the caller unwinds from its own panic, `drop` must join the thread but \
         not re-raise its panic (check `std::thread::panicking()`)"
    );
}
