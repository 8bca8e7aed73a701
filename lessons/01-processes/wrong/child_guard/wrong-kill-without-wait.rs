// Kills the child in `drop` but never waits for it: the dead child stays a zombie.
//
// expect: failed
// message: the child is a zombie: `drop` killed it but never waited for it
// message: Call `self.child.wait()` after `self.child.kill()`
// only: unix

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
        // SIGKILL cannot be ignored: the child is gone.
        let _ = self.child.kill();
    }
}
