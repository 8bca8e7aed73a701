//! Test helpers for the grading tests of every lesson.
//!
//! A grading test must *prove* a property of the student's code (it never hangs, it runs
//! things at the same time, it does not block the runtime, it keeps a limit) and, when the
//! property does not hold, fail quickly with a message that tells the student what is
//! wrong. Each module holds the helper for one such concern:
//!
//! | module | proves | typical failure message |
//! |---|---|---|
//! | [`watchdog`] | the code finishes (no deadlock) | "… did not finish within 5s: it is probably deadlocked or waiting forever" |
//! | [`clock`] | the code takes the expected *virtual* time | "took 10s of virtual time, expected 1s: …" |
//! | [`heartbeat`] | async code does not block the runtime thread | "the heartbeat beat 0 times, expected at least 9: …" |
//! | [`rendezvous`] | N workers are alive at the same time | "only 1 of 4 workers arrived within 5s: they are not running at the same time" |
//! | [`high_water`] | at most N things happen at once | "up to 7 at once, expected at most 3: …" |
//! | [`cancel`] | cleanup holds wherever a future is dropped: [`cancel::at_every_await`] drops it after 0, 1, 2, … polls and checks the invariants each time | "when dropped after 2 poll(s) (cancelled while pending at its await point 2): the session was not closed …" |
//! | [`children`] | no child process is left running (every system, [`children::Registry`]) or unreaped (Unix: `/proc` on Linux, `ps` elsewhere) | (the test words it: "… is a zombie: killed, but never waited for …") |
//! | [`timeline`] | (draws when each task ran on the virtual clock; [`timeline::Timeline::assert_elapsed`] appends the drawing to a timing failure) | "took 3s of virtual time, expected 1s: … timeline: task 0 ####, task 1 ····####, …" |
//! | [`threads`] | how many threads a call starts (none idle, none per item) | (the test words it: "… started 8 thread(s), expected 3 …") |
//! | [`panics`] | (the message of a caught panic; [`panics::catch_quietly`] and [`panics::panic_on_purpose`] keep the panics a test explains itself from being printed first) | |
//! | [`temp`] | (a unique scratch directory, removed on drop) | |
//!
//! Conventions shared by all helpers:
//!
//! - Nothing measures wall-clock time with a tight bound. Real-time limits are generous
//!   timeouts that only a broken solution reaches; exact durations are measured on tokio's
//!   paused clock (`#[graded::test(tokio, start_paused = true)]`), where they are deterministic.
//! - Handles ([`rendezvous::Rendezvous`], [`high_water::HighWater`], …) are cheap to clone:
//!   clone one into every thread or task that needs it.
//! - Assertions take a `why` text that is appended to the failure message: say what the
//!   student most likely did wrong, not only what was observed.

pub mod cancel;
pub mod children;
pub mod clock;
pub mod heartbeat;
pub mod high_water;
pub mod panics;
pub mod rendezvous;
pub mod temp;
pub mod threads;
pub mod timeline;
pub mod watchdog;
