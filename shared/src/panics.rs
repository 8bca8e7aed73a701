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
