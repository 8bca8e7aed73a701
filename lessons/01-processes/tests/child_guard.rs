//! Exercise `child_guard`: kill and reap the child when the guard is dropped.
//!
//! How a test sees that a child is dead, portably (no `ps`, no `kill -0`): the child's
//! stdout is a pipe, and reading a pipe reaches its end only once every process that can
//! write to it is gone. So once the guard is dropped, reading the child's stdout must reach
//! the end promptly; while the child lives, the read waits (and the watchdog fails it).
//! On Linux the tests also look for a zombie in `/proc`: a dead child nobody waited for.

use std::io::{self, Read};
use std::path::Path;
use std::process::{ChildStdout, Command, Stdio};
use std::time::Duration;

use lesson_01_processes::child_guard::ChildGuard;
use pretty_assertions::assert_eq;
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// A correct solution needs milliseconds.
const LIMIT: Duration = Duration::from_secs(5);

/// A child that does nothing for 30 s ("forever" for a test), with its stdout piped.
fn hanging() -> Command {
    let mut command = Command::new(HELPER);
    command
        .arg("hang")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

fn take_stdout(guard: &mut ChildGuard) -> ChildStdout {
    guard.stdout.take().expect("the child's stdout is piped")
}

/// Drops `guard` under a watchdog: `Drop` waiting for a child it did not kill never ends.
fn drop_guard(guard: ChildGuard) {
    within(
        LIMIT,
        "dropping the guard of a child that does not exit by itself (kill it before you \
         wait for it)",
        move || drop(guard),
    );
}

/// Reads `stdout` to the end, which only comes once the child is dead.
fn expect_dead(stdout: ChildStdout) -> String {
    within(
        LIMIT,
        "waiting for the end of the child's stdout after its guard was dropped (the end \
         only comes once the child is dead: the child is still running, did `drop` kill it?)",
        move || {
            let mut text = String::new();
            let mut stdout = stdout;
            stdout.read_to_string(&mut text).map(|_| text)
        },
    )
    .expect("reading the child's stdout")
}

/// On Linux, fails if process `pid` is a zombie: dead, but never waited for.
fn expect_reaped(pid: u32) {
    if cfg!(target_os = "linux") {
        // "PID (NAME) STATE ...": no such file once the process is reaped.
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
            assert!(
                !state.is_some_and(|state| state.starts_with('Z')),
                "the child is a zombie: it is dead, but nobody waited for it. \
                 After killing the child, `drop` must also wait for it"
            );
        }
    }
}

#[test]
fn dropping_the_guard_kills_the_child() {
    let mut guard = ChildGuard::spawn(&mut hanging()).expect("the helper should start");
    let stdout = take_stdout(&mut guard);
    drop_guard(guard);
    expect_dead(stdout);
}

#[test]
fn dropping_the_guard_reaps_the_child() {
    let mut guard = ChildGuard::spawn(&mut hanging()).expect("the helper should start");
    let pid = guard.id();
    let stdout = take_stdout(&mut guard);
    drop_guard(guard);
    expect_dead(stdout);
    expect_reaped(pid);
}

#[test]
fn the_guard_gives_access_to_the_child() {
    let mut command = Command::new(HELPER);
    command
        .args(["echo", "through the guard"])
        .stdout(Stdio::piped());
    let mut guard = ChildGuard::spawn(&mut command).expect("the helper should start");
    assert!(guard.id() > 0, "a child has a process id");
    let output = expect_dead(take_stdout(&mut guard));
    assert_eq!(output, "through the guard\n");
    let status = guard.wait().expect("waiting through the guard");
    assert!(status.success(), "`echo` succeeds, got {status}");
    drop_guard(guard); // already waited for: must neither fail nor hang
}

#[test]
fn a_child_that_exited_by_itself_is_dropped_quietly() {
    let mut command = Command::new(HELPER);
    command.args(["echo", "bye"]).stdout(Stdio::piped());
    let mut guard = ChildGuard::spawn(&mut command).expect("the helper should start");
    let pid = guard.id();
    // The child has exited once its stdout ends, but nobody has waited for it yet.
    assert_eq!(expect_dead(take_stdout(&mut guard)), "bye\n");
    drop_guard(guard); // `kill` has nothing to kill: that must not panic
    expect_reaped(pid);
}

#[test]
fn an_early_return_kills_the_children_already_started() {
    /// Starts two children, or none: `?` drops the first guard if the second fails.
    fn start_two(first_stdout: &mut Option<ChildStdout>) -> io::Result<[ChildGuard; 2]> {
        let mut first = ChildGuard::spawn(&mut hanging())?;
        *first_stdout = first.stdout.take();
        let missing = Path::new(HELPER).with_file_name("no-such-program-anywhere");
        let second = ChildGuard::spawn(&mut Command::new(missing))?;
        Ok([first, second])
    }

    let (outcome, first_stdout) = within(
        LIMIT,
        "returning early with a guarded child (kill it before you wait for it)",
        || {
            let mut first_stdout = None;
            let outcome = start_two(&mut first_stdout);
            (outcome.map(|_| ()), first_stdout)
        },
    );
    assert!(outcome.is_err(), "the second program does not exist");
    expect_dead(first_stdout.expect("the first child was started"));
}
