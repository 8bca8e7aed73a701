#![allow(unsafe_code)] // libc calls: signals and process groups have no std API.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};

/// Starts the command as the leader of a new process group.
pub fn isolate(command: &mut Command) {
    command.process_group(0);
}

/// Kills every process left in the group led by `leader`. Returns whether any was left.
pub fn kill_group(leader: u32) -> bool {
    let group = -(leader as libc::pid_t);
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
    unsafe { libc::kill(group, libc::SIGKILL) == 0 }
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
