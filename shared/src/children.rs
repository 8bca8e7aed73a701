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
//! Linux shows processes' states in `/proc/PID/stat`; other Unix systems (macOS) through
//! `ps`. Windows has no zombies (a process is gone once it has exited and its handles are
//! closed), and there every function says "unknown" ([`SUPPORTED`] is false,
//! [`of_this_process`] returns `None`, [`fate`] returns [`Fate::Unknown`]): a test then
//! checks what it can portably (see `lessons/01-processes/tests/child_guard.rs` for the
//! end of a pipe as a proof of death) and skips the rest.
//!
//! A [`Registry`] is the portable part: children that note in a directory when they start
//! and when they finish tell, on every system, which of them were still running when the
//! function under test returned.
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

use std::path::Path;
use std::time::{Duration, Instant};

use crate::temp::TempDir;

/// Whether this platform lets the tests see processes' states (Unix: `/proc` on Linux,
/// `ps` elsewhere).
pub const SUPPORTED: bool = cfg!(unix);

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

/// The children of this process, running or zombies; `None` where that is unknown
/// (Windows, or `ps` failed).
pub fn of_this_process() -> Option<Vec<ChildProcess>> {
    let me = std::process::id();
    let mut children: Vec<ChildProcess> = os::processes()?
        .into_iter()
        .filter(|process| process.parent == me)
        .map(|process| ChildProcess {
            pid: process.pid,
            state: process.state,
            command_line: process.command_line,
        })
        .collect();
    children.sort_by_key(|child| child.pid);
    Some(children)
}

/// The state of process `pid` if it is a child of this process, `None` if it is not (any
/// more): never started, or reaped. Always `None` where unknown (Windows).
pub fn state(pid: u32) -> Option<State> {
    let (parent, state) = os::stat(pid)?;
    (parent == std::process::id()).then_some(state)
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

/// A zombie among the children of this process, looking again for at most `patience`:
/// for a child that should be dead but whose pid is not known. `None` where that is
/// unknown (Windows).
pub fn zombie_within(patience: Duration) -> Option<ChildProcess> {
    let deadline = Instant::now() + patience;
    loop {
        let zombie = of_this_process()?
            .into_iter()
            .find(|child| child.state == State::Zombie);
        if zombie.is_some() || Instant::now() >= deadline {
            return zombie;
        }
        std::thread::sleep(POLL);
    }
}

/// A process as the system lists it.
struct Process {
    pid: u32,
    parent: u32,
    state: State,
    command_line: Vec<String>,
}

#[cfg(target_os = "linux")]
mod os {
    use super::{Process, State};

    pub fn processes() -> Option<Vec<Process>> {
        let entries = std::fs::read_dir("/proc").ok()?;
        let processes = entries
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
            .filter_map(|pid| {
                let (parent, state) = stat(pid)?;
                Some(Process {
                    pid,
                    parent,
                    state,
                    command_line: command_line(pid),
                })
            })
            .collect();
        Some(processes)
    }

    /// The parent and state of process `pid`, from `/proc/PID/stat`: "PID (NAME) STATE
    /// PPID ..." (the name may hold spaces and parentheses, hence the last `)`).
    pub fn stat(pid: u32) -> Option<(u32, State)> {
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
}

/// Other Unix systems (macOS, the BSDs) through `ps`, whose `command` column joins the
/// arguments with spaces: the command line is split on whitespace.
#[cfg(all(unix, not(target_os = "linux")))]
mod os {
    use super::{Process, State};
    use std::process::{Command, Stdio};

    pub fn processes() -> Option<Vec<Process>> {
        ps(&["-A"])
    }

    pub fn stat(pid: u32) -> Option<(u32, State)> {
        // `ps -p` fails when there is no such process: then it is gone.
        let process = ps(&["-p", &pid.to_string()])?.into_iter().next()?;
        (process.pid == pid).then_some((process.parent, process.state))
    }

    fn ps(which: &[&str]) -> Option<Vec<Process>> {
        let output = Command::new("ps")
            .args(which)
            .args(["-o", "pid=", "-o", "ppid=", "-o", "stat=", "-o", "command="])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&output.stdout);
        let processes = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let pid = fields.next()?.parse().ok()?;
                let parent = fields.next()?.parse().ok()?;
                let state = if fields.next()?.starts_with('Z') {
                    State::Zombie
                } else {
                    State::Running
                };
                let command_line = match state {
                    State::Zombie => Vec::new(),
                    State::Running => fields.map(str::to_string).collect(),
                };
                Some(Process {
                    pid,
                    parent,
                    state,
                    command_line,
                })
            })
            .collect();
        Some(processes)
    }
}

#[cfg(not(unix))]
mod os {
    use super::{Process, State};

    pub fn processes() -> Option<Vec<Process>> {
        None
    }

    pub fn stat(_pid: u32) -> Option<(u32, State)> {
        None
    }
}

/// A scratch directory where child processes register: each creates `DIR/PID` when it
/// starts and `DIR/PID.done` when it has finished, just before it exits (lesson 01's
/// helper does with `register DIR COMMAND...`). Hand the student's function such
/// children, then ask [`Registry::left_behind`] which of them it did not wait for.
#[derive(Debug)]
pub struct Registry {
    dir: TempDir,
}

/// The registered children a function did not wait for; see [`Registry::left_behind`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeftBehind {
    /// Started but not finished: still running. Seen on every system (where processes
    /// cannot be seen, a child killed before it finished counts as running too).
    pub running: Vec<u32>,
    /// Finished but never waited for: zombies. Seen on Unix only.
    pub zombies: Vec<u32>,
}

impl LeftBehind {
    /// Whether every registered child was waited for (as far as this system tells).
    pub fn is_empty(&self) -> bool {
        self.running.is_empty() && self.zombies.is_empty()
    }

    /// How many were left behind.
    pub fn len(&self) -> usize {
        self.running.len() + self.zombies.len()
    }
}

impl Registry {
    /// A new, empty registry.
    pub fn new() -> Registry {
        Registry {
            dir: TempDir::new("registry"),
        }
    }

    /// The directory to give the children.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The pids of the children that registered so far.
    pub fn registered(&self) -> Vec<u32> {
        let mut pids: Vec<u32> = std::fs::read_dir(self.dir.path())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
            .collect();
        pids.sort_unstable();
        pids
    }

    /// Which children were not waited for, once the function that started them has
    /// returned: those that have not finished (unless, on Unix, they were killed and
    /// reaped), and (Unix) those that are zombies. A function that waited for every child
    /// leaves none, and the answer comes at once.
    ///
    /// `started` is how many children the function should have started. A child started
    /// just before the function returned may not have registered yet: on Unix it is found
    /// among this process's children (its command line names this directory); elsewhere
    /// the registry waits a moment for it to register. Either way it was still running.
    pub fn left_behind(&self, started: usize) -> LeftBehind {
        let dir = self.dir.path();
        let registered = self.registered();
        let done = |pid: &u32| dir.join(format!("{pid}.done")).exists();
        let (finished, unfinished): (Vec<u32>, Vec<u32>) =
            registered.iter().copied().partition(done);
        let mut running = Vec::new();
        let mut zombies = Vec::new();
        for pid in unfinished {
            // Not finished: still running, or killed (then reaped, or a zombie).
            match state(pid) {
                Some(State::Zombie) => zombies.push(pid),
                None if SUPPORTED => {}
                _ => running.push(pid),
            }
        }
        if registered.len() < started {
            running.extend(self.unregistered(&registered, started));
        }
        for pid in finished {
            // Done, and not yet reaped: dying (a correct parent reaps it only after it
            // has marked itself done and exited) or a zombie.
            if state(pid).is_some() {
                match fate(pid, SETTLE) {
                    Fate::Zombie => zombies.push(pid),
                    Fate::Running => running.push(pid),
                    Fate::Reaped | Fate::Unknown => {}
                }
            }
        }
        running.sort_unstable();
        LeftBehind { running, zombies }
    }

    /// Children started for this registry that had not registered when it was read.
    fn unregistered(&self, registered: &[u32], started: usize) -> Vec<u32> {
        let dir = self.dir.path().to_string_lossy();
        let late = |pid: &u32| !registered.contains(pid);
        let mut found: Vec<u32> = match of_this_process() {
            // Running children whose command line names the directory...
            Some(children) => children
                .into_iter()
                .filter(|child| child.state == State::Running)
                .filter(|child| child.command_line.iter().any(|arg| *arg == *dir))
                .map(|child| child.pid)
                .filter(late)
                .collect(),
            None => {
                let deadline = Instant::now() + SETTLE;
                while self.registered().len() < started && Instant::now() < deadline {
                    std::thread::sleep(POLL);
                }
                Vec::new()
            }
        };
        // ... and those that have registered since (a quick one may be a zombie already).
        found.extend(self.registered().into_iter().filter(late));
        found.sort_unstable();
        found.dedup();
        found
    }
}

impl Default for Registry {
    fn default() -> Registry {
        Registry::new()
    }
}

#[cfg(all(test, unix))]
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

    /// A child that runs `script` with the registry's directory as `$1`; `read` is built
    /// into `sh`, so no grandchild is left behind when the child is killed.
    fn child(registry: &Registry, script: &str) -> std::process::Child {
        Command::new("sh")
            .args(["-c", script, "sh"])
            .arg(registry.path())
            .stdin(Stdio::piped())
            .spawn()
            .expect("`sh` should start")
    }

    /// Registers, then finishes once its stdin ends.
    const REGISTERS: &str = r#"touch "$1/$$"; read line; touch "$1/$$.done""#;

    #[test]
    fn a_registry_tells_running_children_and_zombies() {
        let registry = Registry::new();
        let mut waited = child(&registry, REGISTERS);
        drop(waited.stdin.take());
        waited.wait().unwrap();
        let mut finished = child(&registry, REGISTERS);
        drop(finished.stdin.take());
        let mut running = child(&registry, REGISTERS);
        let done = registry.path().join(format!("{}.done", finished.id()));
        while registry.registered().len() < 3 || !done.exists() {
            std::thread::sleep(POLL);
        }
        let left = registry.left_behind(3);
        assert_eq!(
            left,
            LeftBehind {
                running: vec![running.id()],
                zombies: vec![finished.id()],
            }
        );
        assert_eq!(left.len(), 2);
        finished.wait().unwrap();
        running.kill().unwrap();
        running.wait().unwrap();
        assert!(registry.left_behind(3).is_empty());
    }

    #[test]
    fn a_child_that_has_not_registered_yet_is_running() {
        let registry = Registry::new();
        let mut late = child(&registry, r#"read line; touch "$1/$$""#);
        assert_eq!(registry.registered(), Vec::<u32>::new());
        let left = registry.left_behind(1);
        assert_eq!(left.running, vec![late.id()]);
        late.kill().unwrap();
        late.wait().unwrap();
    }

    #[test]
    fn other_processes_are_not_children() {
        assert_eq!(state(1), None, "init is nobody's child");
        assert_eq!(fate(1, SETTLE), Fate::Reaped);
    }
}
