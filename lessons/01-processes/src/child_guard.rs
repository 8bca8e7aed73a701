//! # `ChildGuard`: no child left behind
//!
//! A `std::process::Child` that is dropped keeps running: Rust neither kills it nor
//! waits for it. If your function returns early (`?`, a panic) between starting a child
//! and waiting for it, the child is left behind: still running (an orphan, once your
//! program exits) or, on Unix, finished but never waited for (a zombie, which keeps its
//! process-table entry until its parent waits for it or exits).
//!
//! Write [`ChildGuard`], an RAII guard around a `Child`:
//!
//! - [`ChildGuard::spawn`] starts a command and guards the child;
//! - the guard dereferences to the `Child` (`guard.id()`, `guard.stdout.take()`,
//!   `guard.wait()` all work through it);
//! - dropping the guard kills the child if it is still running and then waits for it,
//!   so that when `drop` returns the child is gone for good, reaped. A child that has
//!   already exited (or was waited for) must not make `drop` fail or panic.
//!
//! ```text
//! let mut sleeper = ChildGuard::spawn(Command::new(helper).arg("hang"))?;
//! let _pid = sleeper.id();      // through Deref
//! drop(sleeper);                // kills the child and waits for it
//! ```

use std::io;
use std::ops::{Deref, DerefMut};
use std::process::{Child, Command};

/// Owns a child process; kills and reaps it when dropped.
#[derive(Debug)]
pub struct ChildGuard {
    // The fields you need.
}

impl ChildGuard {
    /// Starts `command` and guards the new child.
    pub fn spawn(command: &mut Command) -> io::Result<ChildGuard> {
        todo!("spawn the command and keep the child")
    }
}

impl Deref for ChildGuard {
    type Target = Child;

    fn deref(&self) -> &Child {
        todo!("give access to the child")
    }
}

impl DerefMut for ChildGuard {
    fn deref_mut(&mut self) -> &mut Child {
        todo!("give access to the child")
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        todo!("kill the child, then wait for it")
    }
}
