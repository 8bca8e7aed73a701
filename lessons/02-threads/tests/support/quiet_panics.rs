//! Panics that a test causes on purpose, or catches and judges itself, are not printed.
//!
//! The panic hook prints every panic as it happens, before the test has said a word, and
//! the runner shows what was printed in that order. A panic a test provokes on purpose
//! ("the worker failed"), or one it catches from the student's code and then explains in
//! its own assertion, would otherwise be the first thing a student reads, ahead of the
//! explanation. Everything else is printed as usual: the student's own panics on their
//! threads, a starter's `todo!()` (the runner recognises a starter by it), and the
//! runtime's messages before an abort (the runner explains those).
//!
//! Included by the tests that need it (`#[path = "support/quiet_panics.rs"] mod quiet;`).

// Every test file that includes this module uses a part of it.
#![allow(dead_code)]

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// The next panic on this thread is one the test causes on purpose.
    static ON_PURPOSE: Cell<bool> = const { Cell::new(false) };
    /// This thread is inside `catch_quietly`: the test judges its panics itself.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// What is always printed: a starter's `todo!()`, and what the runtime says before it
/// aborts the process.
const ALWAYS_PRINTED: &[&str] = &[
    "not yet implemented",
    "panic in a destructor during cleanup",
    "panic in a function that cannot unwind",
];

fn install() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let print = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_purpose = ON_PURPOSE.with(|flag| flag.replace(false));
            let caught = CATCHING.with(Cell::get) > 0;
            let text = shared::panics::message(info.payload());
            let always = ALWAYS_PRINTED.iter().any(|start| text.starts_with(start));
            if always || !(on_purpose || caught) {
                print(info);
            }
        }));
    });
}

/// Panics with `payload` (a `&'static str` or a `String`, as `panic!` would) without
/// printing it: a panic the test causes on purpose, and checks for itself.
pub fn panic_on_purpose<M: Any + Send + 'static>(payload: M) -> ! {
    install();
    ON_PURPOSE.with(|flag| flag.set(true));
    panic::panic_any(payload)
}

/// `catch_unwind(f)`, without printing the panics of `f` on this thread: the test looks
/// at what it caught and says what is wrong, if anything.
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    install();
    CATCHING.with(|depth| depth.set(depth.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|depth| depth.set(depth.get() - 1));
    outcome
}
