//! Child processes of the test process: find the ones left behind, still running or
//! dead but never waited for (zombies).
//!
//! A function that starts child processes must wait for every one of them before it
//! returns, on its error paths too. The runner notices children left *running* once the
//! test process has exited, but not why, and it cannot see zombies at all (they vanish
//! with their parent). A test can look for itself, while the test process still runs:
//!
//! ```no_run
//! use std::process::Command;
//! use shared::children::{self, Fate};
//!
//! let mut child = Command::new("true").spawn()?;
//! let pid = child.id();
//! child.wait()?; // comment this out and the fate is `Zombie`
//! assert_eq!(children::fate(pid, children::SETTLE), Fate::Reaped);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Only Linux shows other processes' states to an unprivileged program in a simple way
//! (`/proc/PID/stat`). Elsewhere every function says "unknown" ([`SUPPORTED`] is false,
//! [`of_this_process`] returns `None`, [`fate`] returns [`Fate::Unknown`]): a test then
//! checks what it can portably (see `lessons/01-processes/tests/child_guard.rs` for the
//! end of a pipe as a proof of death) and skips the rest.
//!
//! Two things to know when a test uses these:
//!
//! - Under `cargo test` (not the runner) the tests of a binary run as threads of one
//!   process, so this process may also have children of *other* tests. Filter the
//!   children by something only yours have: their command line for the running ones
//!   ([`ChildProcess::command_line`]), or pids the children reported themselves. A
//!   zombie's command line is empty: the kernel has already freed its memory.
//! - A killed child is not a zombie at once: its pipes close as it dies, before the
//!   kernel marks it a zombie. [`fate`] therefore polls for a short while until the
//!   process is either gone (reaped) or a zombie.

use std::time::{Duration, Instant};

/// Whether this platform lets the tests see processes' states (Linux, through `/proc`).
pub const SUPPORTED: bool = cfg!(target_os = "linux");

/// How long [`fate`] may wait, by default, for a dying child to become a zombie or to be
/// reaped: far above the microseconds it takes, far below a test's timeout.
pub const SETTLE: Duration = Duration::from_secs(1);

/// How often [`fate`] looks again.
const POLL: Duration = Duration::from_millis(2);

/// What a child process of this process is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Running, sleeping, stopped: anything but dead.
    Running,
    /// Dead, and nobody has waited for it yet: a zombie.
    Zombie,
}

/// A child process of this process, as `/proc` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildProcess {
    /// Its process id.
    pub pid: u32,
    /// Its state.
    pub state: State,
    /// Its program and arguments; empty for a zombie.
    pub command_line: Vec<String>,
}

/// The children of this process, running or zombies; `None` where that is unknown (not
/// Linux).
pub fn of_this_process() -> Option<Vec<ChildProcess>> {
    if !SUPPORTED {
        return None;
    }
    let me = std::process::id();
    let entries = std::fs::read_dir("/proc").ok()?;
    let mut children: Vec<ChildProcess> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let (parent, state) = stat(pid)?;
            (parent == me).then(|| ChildProcess {
                pid,
                state,
                command_line: command_line(pid),
            })
        })
        .collect();
    children.sort_by_key(|child| child.pid);
    Some(children)
}

/// The state of process `pid` if it is a child of this process, `None` if it is not (any
/// more): never started, or reaped. Always `None` where unknown (not Linux).
pub fn state(pid: u32) -> Option<State> {
    if !SUPPORTED {
        return None;
    }
    stat(pid).and_then(|(parent, state)| (parent == std::process::id()).then_some(state))
}

/// What became of a child that should be dead by now; see [`fate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Gone: dead and waited for (or never a child of this process).
    Reaped,
    /// Dead, but nobody waited for it.
    Zombie,
    /// Still alive after the patience given to [`fate`].
    Running,
    /// This platform does not tell (not Linux).
    Unknown,
}

/// What became of child `pid`: polls its state until it is gone ([`Fate::Reaped`]) or a
/// zombie, for at most `patience` (then [`Fate::Running`]).
///
/// Call it once the child should be dead (killed, or its pipes closed): a correct
/// program has reaped it already, and the answer comes at once.
pub fn fate(pid: u32, patience: Duration) -> Fate {
    if !SUPPORTED {
        return Fate::Unknown;
    }
    let deadline = Instant::now() + patience;
    loop {
        match state(pid) {
            None => return Fate::Reaped,
            Some(State::Zombie) => return Fate::Zombie,
            Some(State::Running) if Instant::now() >= deadline => return Fate::Running,
            Some(State::Running) => std::thread::sleep(POLL),
        }
    }
}

/// The parent and state of process `pid`, from `/proc/PID/stat`: "PID (NAME) STATE PPID
/// ..." (the name may hold spaces and parentheses, hence the last `)`).
fn stat(pid: u32) -> Option<(u32, State)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace();
    let state = match fields.next()? {
        // Zombie; `X` (dead) is only ever seen for an instant while it is reaped.
        "Z" => State::Zombie,
        "X" | "x" => return None,
        _ => State::Running,
    };
    let parent = fields.next()?.parse().ok()?;
    Some((parent, state))
}

/// The arguments of process `pid` (NUL-separated in `/proc/PID/cmdline`).
fn command_line(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| {
            bytes
                .split(|&byte| byte == 0)
                .filter(|arg| !arg.is_empty())
                .map(|arg| String::from_utf8_lossy(arg).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};

    fn sleeper() -> std::process::Child {
        Command::new("sleep")
            .arg("30")
            .stdin(Stdio::null())
            .spawn()
            .expect("`sleep` should start")
    }

    #[test]
    fn a_running_child_is_listed_with_its_command_line() {
        let mut child = sleeper();
        let listed = of_this_process().expect("Linux has /proc");
        let found = listed.iter().find(|c| c.pid == child.id());
        assert_eq!(
            found.map(|c| (c.state, c.command_line.clone())),
            Some((State::Running, vec!["sleep".to_string(), "30".to_string()]))
        );
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(state(child.id()), None);
    }

    #[test]
    fn a_killed_child_is_a_zombie_until_waited_for() {
        let mut child = sleeper();
        child.kill().unwrap();
        assert_eq!(fate(child.id(), SETTLE), Fate::Zombie);
        let listed = of_this_process().expect("Linux has /proc");
        let found = listed.iter().find(|c| c.pid == child.id());
        assert_eq!(found.map(|c| c.state), Some(State::Zombie));
        child.wait().unwrap();
        assert_eq!(fate(child.id(), SETTLE), Fate::Reaped);
    }

    #[test]
    fn a_live_child_is_still_running_after_the_patience() {
        let mut child = sleeper();
        assert_eq!(fate(child.id(), Duration::from_millis(20)), Fate::Running);
        child.kill().unwrap();
        child.wait().unwrap();
    }

    #[test]
    fn other_processes_are_not_children() {
        assert_eq!(state(1), None, "init is nobody's child");
        assert_eq!(fate(1, SETTLE), Fate::Reaped);
    }
}
