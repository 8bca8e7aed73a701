#![allow(unsafe_code)] // libc calls: signals and process groups have no std API.

use std::io;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};

/// A process group led by the test process; its children join it.
pub struct ProcessGroup {
    leader: libc::pid_t,
}

impl ProcessGroup {
    /// Spawns `command` as the leader of a new process group.
    pub fn spawn(command: &mut Command) -> io::Result<(Child, ProcessGroup)> {
        let child = command.process_group(0).spawn()?;
        let leader = libc::pid_t::try_from(child.id()).map_err(io::Error::other)?;
        Ok((child, ProcessGroup { leader }))
    }

    /// Kills every process left in the group. Returns whether there was any: once the
    /// leader has been waited for, those are the processes it left behind.
    pub fn kill(&self) -> bool {
        // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
        unsafe { libc::kill(-self.leader, libc::SIGKILL) == 0 }
    }
}

/// Why a process that ended without a test result crashed, if it did.
pub fn crash_reason(status: ExitStatus) -> Option<String> {
    let signal = status.signal()?;
    let name = match signal {
        libc::SIGABRT => "SIGABRT: the process aborted",
        libc::SIGSEGV => "SIGSEGV: invalid memory access",
        libc::SIGBUS => "SIGBUS: invalid memory access",
        libc::SIGILL => "SIGILL: illegal instruction",
        libc::SIGFPE => "SIGFPE: arithmetic error",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        _ => return Some(format!("killed by signal {signal}")),
    };
    Some(format!("killed by {name}"))
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on Ctrl-C (or SIGTERM) sets a flag instead of killing the runner, so that
/// it can kill the test processes, which are in groups of their own, before it exits.
pub fn watch_interrupts() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(signal, on_interrupt as *const () as libc::sighandler_t);
        }
    }
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
