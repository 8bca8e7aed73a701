//! `#[graded::test]`: a test whose pass the course runner can trust.
//!
//! The test harness announces a pass by printing `test result: ok` and exiting with
//! status 0, and code under test can do both itself: print the line and call
//! `std::process::exit(0)` from any thread, or from a panic hook, before the assertions
//! ran. So the runner does not take the harness's word alone. It starts each test with a
//! fresh secret on standard input and the variable [`SECRET_ON_STDIN`] set; a graded test
//! reads that secret before the code under test runs (nothing else runs before a test
//! function in its own process), keeps it where safe code cannot reach it, and prints it
//! only when the test function returns without panicking. The runner counts a pass only
//! when it sees both the secret and the harness's verdict.
//!
//! Outside the runner (a plain `cargo test`) the variable is unset and the attribute
//! changes nothing.
//!
//! ```ignore
//! #[graded::test]
//! fn adds() {
//!     assert_eq!(add(2, 3), 5);
//! }
//!
//! #[graded::test(tokio, start_paused = true)]
//! async fn ticks_once_a_second() { /* … */ }
//! ```
//!
//! `#[graded::test]` stands for `#[test]`; `#[graded::test(tokio, ARGS)]` stands for
//! `#[tokio::test(ARGS)]` (the test crate then depends on tokio with its `macros`
//! feature).

#![forbid(unsafe_code)]

#[cfg(feature = "macros")]
pub use graded_macros::test;

/// Set (to `1`) by the runner when a secret waits on standard input.
pub const SECRET_ON_STDIN: &str = "GRADED_SECRET_ON_STDIN";

/// What a graded test prints before the secret, on a line of its own.
pub const SEAL: &str = "graded: returned ";

/// The most a secret may be: the runner's are 32 hexadecimal digits.
const MAX_SECRET: u64 = 128;

#[doc(hidden)]
pub mod __private {
    pub use super::Seal;
}

/// Taken at the start of a graded test; prints the runner's secret when dropped on a
/// normal return, never while unwinding from a panic.
#[doc(hidden)]
pub struct Seal {
    secret: Option<String>,
}

impl Seal {
    /// Reads the secret, if the runner gave one: all of standard input, so that none is
    /// left for the code under test.
    pub fn take() -> Seal {
        use std::io::Read;

        if std::env::var_os(SECRET_ON_STDIN).is_none() {
            return Seal { secret: None };
        }
        let mut secret = String::new();
        let read = std::io::stdin()
            .lock()
            .take(MAX_SECRET)
            .read_to_string(&mut secret);
        match read {
            Ok(_) if !secret.trim().is_empty() => Seal {
                secret: Some(secret.trim().to_owned()),
            },
            _ => panic!(
                "{SECRET_ON_STDIN} is set but standard input held no secret: run the tests \
                 with `cargo xtask check`, or unset {SECRET_ON_STDIN} for a plain `cargo test`"
            ),
        }
    }
}

impl Drop for Seal {
    fn drop(&mut self) {
        use std::io::Write;

        let Some(secret) = &self.secret else { return };
        if std::thread::panicking() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        // A line of its own, even after output with no newline at its end.
        let _ = writeln!(stdout, "\n{SEAL}{secret}");
        let _ = stdout.flush();
    }
}
