//! The message of a caught panic: what `catch_unwind` or a failed `join` hands back.

use std::any::Any;

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
    /// Whether this thread is inside [`catch_quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` and catches its panic *without the panic hook printing it*, for a test that
/// explains the panic of the student's code in its own words (the runner shows the first
/// panic message it sees, so a printed panic would come first).
///
/// Only panics of the calling thread are silenced, and only while `f` runs; other threads
/// (other tests under `cargo test`) print theirs as usual. Pass a starter's `todo!()` on
/// with `panic!("{}", message(payload.as_ref()))`, so that it reads "not yet implemented".
///
/// ```
/// use shared::panics::{catch_quietly, message};
///
/// let outcome = catch_quietly(|| "not a number".parse::<u32>().unwrap());
/// let payload = outcome.unwrap_err();
/// assert!(message(payload.as_ref()).contains("InvalidDigit"));
/// assert_eq!(catch_quietly(|| 6 * 7).ok(), Some(42));
/// ```
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, Box<dyn Any + Send>> {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|quiet| quiet.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(was_quiet));
    outcome
}
