//! Platform-specific process control. A test runs as the first process of a group of
//! its own, so that a timeout, or Ctrl-C, ends everything it started, and whatever it
//! left running can be seen: a process group on Unix, a job object on Windows.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{ProcessGroup, crash_reason, interrupted, watch_interrupts};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{ProcessGroup, crash_reason, interrupted, watch_interrupts};
