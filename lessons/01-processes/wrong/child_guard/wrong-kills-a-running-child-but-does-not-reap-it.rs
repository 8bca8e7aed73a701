// Kills only a child that `try_wait` says is still running, and does not wait after the
// kill: `try_wait` reaps a child that had exited, but the killed one stays a zombie.
//
// expect: failed
// message: the child is a zombie
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
        // `try_wait` reaps a child that has exited; one still running is killed.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
