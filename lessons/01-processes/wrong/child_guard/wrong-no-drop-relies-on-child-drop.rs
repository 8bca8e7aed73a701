// Has no `Drop` at all, believing that the `Child` inside cleans up when it is dropped:
// it does not, and the child keeps running.
//
// expect: failed
// message: the child is still running, did `drop` kill it?

use std::io;
use std::ops::{Deref, DerefMut};
use std::process::{Child, Command};

/// Owns a child process; dropping the guard drops the `Child`, which cleans up.
#[derive(Debug)]
pub struct ChildGuard {
    child: Child,
}

impl ChildGuard {
    /// Starts `command` and guards the new child.
    pub fn spawn(command: &mut Command) -> io::Result<ChildGuard> {
        Ok(ChildGuard {
            child: command.spawn()?,
        })
    }
}

impl Deref for ChildGuard {
    type Target = Child;

    fn deref(&self) -> &Child {
        &self.child
    }
}

impl DerefMut for ChildGuard {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}
