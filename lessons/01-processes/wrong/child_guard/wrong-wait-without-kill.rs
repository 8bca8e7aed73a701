// Waits for the child in `drop` without killing it first: a child that does not exit by
// itself makes `drop` wait forever.
//
// expect: failed
// message: kill it before you wait for it

use std::io;
use std::ops::{Deref, DerefMut};
use std::process::{Child, Command};

/// Owns a child process; kills and reaps it when dropped.
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

impl Drop for ChildGuard {
    fn drop(&mut self) {
        // Reap the child: no zombie.
        let _ = self.child.wait();
    }
}
