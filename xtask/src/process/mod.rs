//! Platform-specific process control: test processes run in a group of their own so
//! that a timeout, or Ctrl-C, ends everything they started.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{crash_reason, interrupted, isolate, kill_group, watch_interrupts};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{crash_reason, interrupted, isolate, kill_group, watch_interrupts};
