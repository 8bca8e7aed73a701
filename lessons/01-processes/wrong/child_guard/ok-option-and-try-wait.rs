// Keeps the child in an `Option` (taken out in `drop`), reaps a child that has already
// exited with `try_wait`, and only kills and waits for one that still runs.

use std::io;
use std::ops::{Deref, DerefMut};
use std::process::{Child, Command};

/// Owns a child process; kills and reaps it when dropped.
#[derive(Debug)]
pub struct ChildGuard {
    child: Option<Child>,
}

impl ChildGuard {
    /// Starts `command` and guards the new child.
    pub fn spawn(command: &mut Command) -> io::Result<ChildGuard> {
        command
            .spawn()
            .map(|child| ChildGuard { child: Some(child) })
    }
}

impl Deref for ChildGuard {
    type Target = Child;

    fn deref(&self) -> &Child {
        self.child
            .as_ref()
            .expect("the child is only taken in drop")
    }
}

impl DerefMut for ChildGuard {
    fn deref_mut(&mut self) -> &mut Child {
        self.child
            .as_mut()
            .expect("the child is only taken in drop")
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        match child.try_wait() {
            // Exited, and `try_wait` has just reaped it (or an earlier wait had).
            Ok(Some(_)) => {}
            _ => {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}
