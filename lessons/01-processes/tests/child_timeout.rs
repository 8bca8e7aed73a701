//! Exercise `child_timeout`: an async child with a timeout; a hung child is killed.
//!
//! These tests run on tokio's real clock: a child process is outside the runtime, so a
//! paused clock would jump ahead while the runtime waits for it.
//!
//! How a test sees that the child is dead, portably: the child's stderr is the input pipe
//! of a *witness*, a second helper process that copies its input to its output until the
//! end. The end of a pipe comes only once every process that can write to it is gone, so
//! the witness's output ends only once the child under test is dead. On Linux the tests
//! also look for a zombie in `/proc`: a dead child nobody waited for.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use lesson_01_processes::child_timeout::{RunError, run_with_timeout};
use pretty_assertions::assert_eq;
use shared::children::{self, Fate};
use shared::heartbeat::Heartbeat;
use shared::watchdog::{within, within_async};
use tokio::process::Command;

const HELPER: &str = env!("CARGO_BIN_EXE_lesson01-helper");

/// The timeout given to `run_with_timeout` for a child that should take milliseconds.
const QUICK: Duration = Duration::from_secs(1);

/// The timeout given to `run_with_timeout` for a child that hangs.
const SHORT: Duration = Duration::from_millis(200);

/// How much longer than its own limit `run_with_timeout` may take before the watchdog
/// says that the limit was not applied.
const GRACE: Duration = Duration::from_secs(2);

/// How long a dead child's pipe may take to reach its end through the witness: a
/// millisecond is enough, this is far more.
const DEATH: Duration = Duration::from_millis(500);

/// The helper with `args`, its stdin and stderr going nowhere (the witness tests give it a
/// pipe for stderr).
fn helper(args: &[&str]) -> Command {
    let mut command = Command::new(HELPER);
    command
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

async fn run(command: Command, limit: Duration) -> Result<String, RunError> {
    within_async(
        limit + GRACE,
        &format!(
            "run_with_timeout with a limit of {limit:?} (is the timeout applied to reading \
             the output and waiting for the child, both?)"
        ),
        run_with_timeout(command, limit),
    )
    .await
}

/// Watches the processes that hold the write end of a pipe; see the module docs.
struct Witness {
    relay: std::process::Child,
}

impl Witness {
    /// The witness, and the write end of its pipe for the child under test.
    fn new() -> (Witness, Stdio) {
        let mut relay = std::process::Command::new(HELPER)
            .arg("upper")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the witness should start");
        let pipe = relay.stdin.take().expect("the witness's stdin is piped");
        (Witness { relay }, Stdio::from(pipe))
    }

    /// Returns once every holder of the pipe is dead, with what they wrote to it (in
    /// upper case); fails if that takes seconds.
    fn expect_dead(mut self, what: &str) -> String {
        let mut output = self
            .relay
            .stdout
            .take()
            .expect("the witness's stdout is piped");
        let seen = within(DEATH, what, move || {
            let mut seen = Vec::new();
            let _ = output.read_to_end(&mut seen);
            String::from_utf8_lossy(&seen).into_owned()
        });
        let _ = self.relay.wait();
        seen
    }
}

/// The pid that `hang` reported on its stderr ("HANG: PID 1234" through the witness).
fn hang_pid(seen: &str) -> Option<u32> {
    let rest = seen.split("HANG: PID ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// On Linux, fails if process `pid`, which is dead, is a zombie: never waited for.
fn expect_reaped(pid: u32, why: &str) {
    // Its pipe has ended, so it is dying: it is gone (reaped) or a zombie in microseconds.
    if children::fate(pid, children::SETTLE) == Fate::Zombie {
        panic!("{why}");
    }
}

#[graded::test(tokio)]
async fn returns_the_output_of_a_quick_child() {
    let output = run(helper(&["echo", "done"]), QUICK).await;
    assert_eq!(output.expect("`echo` should succeed"), "done\n");
}

#[graded::test(tokio)]
async fn waiting_does_not_block_the_runtime() {
    // The heartbeat shares the test's one runtime thread: it beats every 10 ms while
    // `run_with_timeout` awaits, and not at all while it blocks the thread.
    let heartbeat = Heartbeat::start(Duration::from_millis(10));
    let _ = run(helper(&["hang"]), SHORT).await;
    heartbeat.assert_at_least(
        5,
        "for the 200 ms that run_with_timeout waited for a hung child, the runtime thread \
         was blocked: async code must not block (`std::thread::sleep`, a loop around \
         `try_wait`, `std::process` waits). Await instead: `child.wait().await` under \
         `tokio::time::timeout`",
    );
}

#[graded::test(tokio)]
async fn reads_a_large_output_while_waiting() {
    let line = "a line of output that is long enough to fill a pipe soon";
    let output = run(helper(&["repeat", "20000", line]), QUICK).await;
    let output = output.unwrap_or_else(|error| {
        panic!(
            "a child printing over a megabyte should succeed, got: {error}\n(a child blocks on its \
             full stdout pipe until someone reads it: read stdout while you wait for the \
             child, not after)"
        )
    });
    assert!(
        output.len() == 20000 * (line.len() + 1) && output.lines().all(|got| got == line),
        "`repeat 20000 LINE` prints LINE 20000 times, got {} bytes",
        output.len()
    );
}

#[graded::test(tokio)]
async fn a_failing_child_is_reported_with_its_status() {
    match run(helper(&["exit", "4"]), QUICK).await {
        Err(RunError::Failed(status)) => assert_eq!(status.code(), Some(4)),
        other => panic!("`exit 4` should give RunError::Failed with code 4, got {other:?}"),
    }
}

#[graded::test(tokio)]
async fn a_missing_program_is_an_io_error() {
    let missing = std::path::Path::new(HELPER).with_file_name("no-such-program-anywhere");
    match run(Command::new(missing), QUICK).await {
        Err(RunError::Io(error)) => assert_eq!(error.kind(), std::io::ErrorKind::NotFound),
        other => panic!("a missing program should give RunError::Io(NotFound), got {other:?}"),
    }
}

#[graded::test(tokio)]
async fn a_hung_child_times_out() {
    match run(helper(&["hang"]), SHORT).await {
        Err(RunError::TimedOut(limit)) => assert_eq!(limit, SHORT, "report the limit"),
        other => panic!("`hang` never exits by itself: expected RunError::TimedOut, got {other:?}"),
    }
}

#[graded::test(tokio)]
async fn a_timed_out_child_is_killed_and_reaped() {
    let (witness, pipe) = Witness::new();
    // A child that takes milliseconds to die: tokio's `Child`, when dropped, reaps a child
    // that is already dead, so a quick death would hide a kill that is not waited for.
    let mut command = helper(&["heavy-hang", "64"]);
    command.stderr(pipe);
    let outcome = run(command, SHORT).await;
    assert!(
        matches!(outcome, Err(RunError::TimedOut(_))),
        "`hang` should time out, got {outcome:?}"
    );
    let seen = witness.expect_dead(
        "waiting for the timed-out child to die (it is still running: a timeout only stops \
         waiting, it does not stop the child; kill it)",
    );
    let why = "the timed-out child is dead, but nobody waited for it: it is a zombie. \
               `kill_on_drop` and `start_kill` only send the kill; `child.kill().await` \
               kills the child and waits for it";
    match hang_pid(&seen) {
        Some(pid) => expect_reaped(pid, why),
        // Killed before it could report its pid (a loaded machine): the witness has been
        // waited for, so a zombie child of this test can only be the timed-out child.
        // It is dying: a zombie within microseconds, so a short look is enough.
        None => {
            let zombie = children::zombie_within(Duration::from_millis(200));
            assert!(zombie.is_none(), "{why}");
        }
    }
}

#[graded::test(tokio)]
async fn dropping_the_future_kills_the_child() {
    let (witness, pipe) = Witness::new();
    let mut command = helper(&["hang"]);
    command.stderr(pipe);
    // The caller gives up before `run_with_timeout`'s own limit: its future is dropped.
    let outcome = tokio::time::timeout(SHORT, run_with_timeout(command, QUICK)).await;
    assert!(outcome.is_err(), "`hang` cannot finish, got {outcome:?}");
    witness.expect_dead(
        "waiting for the child of a dropped run_with_timeout future to die (it is still \
         running: a dropped tokio `Child` only kills its process with `kill_on_drop(true)`)",
    );
    // Tokio reaps a child killed on drop in the background, when the runtime next waits
    // for events: let it, so that the test leaves no zombie behind.
    tokio::time::sleep(Duration::from_millis(20)).await;
}

#[graded::test(tokio)]
async fn a_quick_child_keeps_its_stderr() {
    // The witness also sees the end of a child that exits by itself, and its stderr: this
    // makes sure that the tests above watched the real child.
    let (witness, pipe) = Witness::new();
    let mut command = helper(&["exit", "0", "on time"]);
    command.stderr(pipe);
    let output = run(command, QUICK).await;
    assert_eq!(output.expect("`exit 0` should succeed"), "on time\n");
    let seen = witness.expect_dead("waiting for a child that exited by itself");
    assert!(
        seen.contains("EXITING WITH 0"),
        "the child's stderr must stay as the command has it (the test gave it a pipe, and \
         the child's note never arrived there): capture stdout only"
    );
}
