//! Exercise `child_guard`: kill and reap the child when the guard is dropped.
//!
//! How a test sees that a child is dead, portably (no `ps`, no `kill -0`): the child's
//! stdout is a pipe, and reading a pipe reaches its end only once every process that can
//! write to it is gone. So once the guard is dropped, reading the child's stdout must reach
//! the end promptly; while the child lives, the read waits (and the watchdog fails it).
//! On Linux the tests also look at the child in `/proc` once `drop` has returned: it must
//! be gone, not a zombie (a dead child nobody waited for).

use std::io::{self, Read};
use std::path::Path;
use std::process::{ChildStdout, Command, Stdio};
use std::time::Duration;

use lesson_01_processes::child_guard::ChildGuard;
use pretty_assertions::assert_eq;
use shared::children::{self, Fate, State};
use shared::watchdog::within;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// Killing a child and waiting for it takes a correct solution less than a millisecond;
/// this is far more, even on a busy machine.
const LIMIT: Duration = Duration::from_millis(500);

/// For a child to start, print its line and exit by itself: milliseconds.
const RUN: Duration = Duration::from_secs(2);

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

/// Reads `stdout` to the end, which only comes once the child is dead: at once after its
/// guard was dropped.
fn expect_dead(stdout: ChildStdout) -> String {
    read_to_end(
        stdout,
        LIMIT,
        "waiting for the end of the child's stdout after its guard was dropped (the end \
         only comes once the child is dead: the child is still running, did `drop` kill it?)",
    )
}

/// Reads `stdout` to the end under a watchdog.
fn read_to_end(stdout: ChildStdout, limit: Duration, what: &str) -> String {
    within(limit, what, move || {
        let mut text = String::new();
        let mut stdout = stdout;
        stdout.read_to_string(&mut text).map(|_| text)
    })
    .expect("reading the child's stdout")
}

/// On Linux, fails unless process `pid` was gone (reaped) when its guard's `drop`
/// returned, `after_drop` being its state then. `zombie` explains a zombie (dead, but
/// never waited for).
fn expect_reaped(pid: u32, after_drop: Option<State>, zombie: &str) {
    // A correct `drop` has waited for the child: it was gone at once.
    if after_drop.is_none() {
        return;
    }
    // A child that is dying (killed, pipes closed) becomes a zombie within microseconds.
    match children::fate(pid, children::SETTLE) {
        Fate::Reaped => panic!(
            "the child was still there when `drop` returned, and was reaped only later (by \
             another thread?): `drop` itself must wait for the child before it returns"
        ),
        Fate::Zombie => panic!("{zombie}"),
        Fate::Running => panic!(
            "the child is still running after its guard was dropped: `drop` must kill it \
             (`self.child.kill()`), then wait for it"
        ),
        Fate::Unknown => {}
    }
}

/// The zombie a `drop` that kills without waiting leaves.
const KILLED_NOT_WAITED: &str = "the child is a zombie: `drop` killed it but never waited \
    for it, so it stays in the process table, dead. Call `self.child.wait()` after \
    `self.child.kill()`";

#[graded::test]
fn dropping_the_guard_kills_the_child() {
    let mut guard = ChildGuard::spawn(&mut hanging()).expect("the helper should start");
    let stdout = take_stdout(&mut guard);
    drop_guard(guard);
    expect_dead(stdout);
}

#[graded::test]
fn dropping_the_guard_reaps_the_child() {
    let mut guard = ChildGuard::spawn(&mut hanging()).expect("the helper should start");
    let pid = guard.id();
    let stdout = take_stdout(&mut guard);
    drop_guard(guard);
    let after_drop = children::state(pid);
    expect_dead(stdout);
    expect_reaped(pid, after_drop, KILLED_NOT_WAITED);
}

#[graded::test]
fn the_guard_gives_access_to_the_child() {
    let mut command = Command::new(HELPER);
    command
        .args(["echo", "through the guard"])
        .stdout(Stdio::piped());
    let mut guard = ChildGuard::spawn(&mut command).expect("the helper should start");
    assert!(guard.id() > 0, "a child has a process id");
    let output = read_to_end(take_stdout(&mut guard), RUN, "reading what `echo` prints");
    assert_eq!(output, "through the guard\n");
    let status = guard.wait().expect("waiting through the guard");
    assert!(status.success(), "`echo` succeeds, got {status}");
    drop_guard(guard); // already waited for: must neither fail nor hang
}

#[graded::test]
fn a_child_that_exited_by_itself_is_dropped_quietly() {
    let mut command = Command::new(HELPER);
    command.args(["echo", "bye"]).stdout(Stdio::piped());
    let mut guard = ChildGuard::spawn(&mut command).expect("the helper should start");
    let pid = guard.id();
    // The child has exited once its stdout ends, but nobody has waited for it yet.
    let output = read_to_end(take_stdout(&mut guard), RUN, "reading what `echo` prints");
    assert_eq!(output, "bye\n");
    drop_guard(guard); // `kill` has nothing to kill: that must not panic
    expect_reaped(
        pid,
        children::state(pid),
        "the child exited by itself, and `drop` never waited for it: it is a zombie. \
         `drop` must wait for the child whether it killed it or not (`kill` on a child that \
         has exited does no harm)",
    );
}

#[graded::test]
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
