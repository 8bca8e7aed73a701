//! Panics in tests: the message a caught panic carries, and panics the panic hook does
//! not print, because the test explains them itself.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// The text a panic carried: `panic!("literal")` carries a `&str`, a formatted `panic!`
/// a `String`; anything else has no text.
///
/// ```
/// let payload = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
/// assert_eq!(shared::panics::message(payload.as_ref()), "boom 1");
/// ```
pub fn message(payload: &(dyn Any + Send)) -> String {
    match payload.downcast_ref::<String>() {
        Some(text) => text.clone(),
        None => payload.downcast_ref::<&str>().map_or_else(
            || "<a panic without a message>".to_string(),
            |text| text.to_string(),
        ),
    }
}

thread_local! {
    /// The next panic on this thread is one the test causes on purpose.
    static ON_PURPOSE: Cell<bool> = const { Cell::new(false) };
    /// How deep this thread is in [`catch_quietly`]: the test judges its panics itself.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// What the panic hook always prints, quiet or not: a starter's `todo!()` (the runner
/// tells a starter by it), and what the runtime says before it aborts the process (the
/// runner explains that).
const ALWAYS_PRINTED: &[&str] = &[
    "not yet implemented",
    "panic in a destructor during cleanup",
    "panic in a function that cannot unwind",
];

/// Wraps the panic hook once, so that it stays quiet for the panics this module is told
/// about.
fn install() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let print = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_purpose = ON_PURPOSE.with(|flag| flag.replace(false));
            let caught = CATCHING.with(Cell::get) > 0;
            let always = ALWAYS_PRINTED
                .iter()
                .any(|start| message(info.payload()).starts_with(start));
            if always || !(on_purpose || caught) {
                print(info);
            }
        }));
    });
}

/// `catch_unwind(f)` without the panic hook printing the panics of `f` on this thread,
/// for a test that judges what it caught and says in its own words what is wrong (the
/// runner shows printed panics first, so a printed one would come before the advice).
///
/// Other threads (other tests, under `cargo test`) print theirs as usual, and so does
/// this one for a starter's `todo!()` and for what the runtime says before an abort.
///
/// ```
/// use shared::panics::{catch_quietly, message};
///
/// let outcome = catch_quietly(|| "not a number".parse::<u32>().unwrap());
/// let payload = outcome.unwrap_err();
/// assert!(message(payload.as_ref()).contains("InvalidDigit"));
/// assert_eq!(catch_quietly(|| 6 * 7).ok(), Some(42));
/// ```
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    install();
    CATCHING.with(|depth| depth.set(depth.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|depth| depth.set(depth.get() - 1));
    outcome
}

/// Panics with `payload` (a `&'static str` or a `String`, as `panic!` would) without
/// printing it: a panic the test causes on purpose (a job that fails, to see what the
/// student's code does with it) and checks for itself.
pub fn panic_on_purpose<M: Any + Send + 'static>(payload: M) -> ! {
    install();
    ON_PURPOSE.with(|flag| flag.set(true));
    panic::panic_any(payload)
}
