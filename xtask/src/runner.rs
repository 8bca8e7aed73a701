//! Runs one test in a process of its own and classifies how it ended.

use crate::fields::Fields;
use crate::process;
use crate::report::Status;
use crate::sandbox::{Sandbox, Step};
use crate::style;
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Bytes kept from the start of each output stream; the rest is counted, not kept.
const HEAD_BYTES: usize = 32 * 1024;
/// Bytes kept from the end of each stream, where the harness writes its verdict.
const TAIL_BYTES: usize = 4 * 1024;

pub struct TestJob {
    pub exe: PathBuf,
    pub cwd: PathBuf,
    /// The full libtest name, `run_helper::returns_stdout`.
    pub name: String,
    pub timeout: Duration,
    /// Run inside this sandbox (class grading).
    pub sandbox: Option<Sandbox>,
}

#[derive(Clone, Debug)]
pub struct TestOutcome {
    pub status: Status,
    /// What the test itself tells: why its process aborted, if the runtime aborted it,
    /// then its panic messages as the panic hook printed them.
    pub messages: Vec<String>,
    /// What the runner saw from outside: a timeout, a crash, an early exit, processes
    /// left behind. Generic, so shown after every test's own messages.
    pub notes: Vec<String>,
}

/// Kept in the result cache (see `grade`).
impl Serialize for TestOutcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outcome = serializer.serialize_struct("TestOutcome", 3)?;
        outcome.serialize_field("status", &self.status)?;
        outcome.serialize_field("messages", &self.messages)?;
        outcome.serialize_field("notes", &self.notes)?;
        outcome.end()
    }
}

impl<'de> Deserialize<'de> for TestOutcome {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TestOutcome, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(TestOutcome {
            status: fields.required("status")?,
            messages: fields.required("messages")?,
            notes: fields.required("notes")?,
        })
    }
}

/// The files GitHub Actions' file commands write (step outputs, the job summary, the
/// environment of later steps), named by these variables: a test process must not
/// inherit them.
const CI_FILE_COMMANDS: &[&str] = &[
    "GITHUB_OUTPUT",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_ENV",
    "GITHUB_PATH",
    "GITHUB_STATE",
];

pub fn run(job: &TestJob) -> TestOutcome {
    let mut command = match &job.sandbox {
        Some(sandbox) => sandbox.command(&job.exe, &job.cwd, Step::TEST),
        None => Command::new(&job.exe),
    };
    command
        .args([
            "--exact",
            &job.name,
            "--nocapture",
            "--test-threads=1",
            "--color=never",
        ])
        .current_dir(&job.cwd)
        .env("RUST_BACKTRACE", "0")
        .env(graded::SECRET_ON_STDIN, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Code under test must not write the CI's step outputs or summary.
    for variable in CI_FILE_COMMANDS {
        command.env_remove(variable);
    }
    let (mut child, group) = match process::ProcessGroup::spawn(&mut command) {
        Ok(spawned) => spawned,
        Err(e) => {
            return TestOutcome {
                status: Status::Crashed,
                messages: Vec::new(),
                notes: vec![format!("could not start {}: {e}", job.exe.display())],
            };
        }
    };
    // The seal a graded test prints when it returns: a secret that no code under test
    // can know (see the `graded` crate).
    let secret = secret();
    if let Some(mut stdin) = child.stdin.take() {
        // Closed at once: the test reads to its end. A test that never reads it (not a
        // graded test) is not waited for: the secret fits in any pipe's buffer.
        let _ = writeln!(stdin, "{secret}");
    }
    let seal = format!("{}{secret}", graded::SEAL);
    let stdout = capture(child.stdout.take().expect("piped"), Some(seal));
    let stderr = capture(child.stderr.take().expect("piped"), None);
    let (exited, exit) = mpsc::channel();
    thread::spawn(move || {
        let _ = exited.send(child.wait());
    });

    let deadline = Instant::now() + job.timeout;
    let mut timed_out = false;
    let status = loop {
        // Wake up now and then to notice Ctrl-C.
        let slice = deadline
            .saturating_duration_since(Instant::now())
            .min(Duration::from_millis(100));
        match exit.recv_timeout(slice) {
            Ok(status) => break status.ok(),
            Err(mpsc::RecvTimeoutError::Timeout)
                if Instant::now() < deadline && !process::interrupted() => {}
            Err(_) => {
                timed_out = true;
                group.kill();
                break exit
                    .recv_timeout(Duration::from_secs(5))
                    .ok()
                    .and_then(Result::ok);
            }
        }
    };
    // The leader is reaped: whatever is still in its group was left behind.
    let left_children = !timed_out && group.kill();
    let stdout = stdout.finish();
    let stderr = stderr.finish();
    classify(job, status, timed_out, left_children, &stdout, &stderr)
}

/// A fresh secret for one test run: 128 bits from the standard library's randomly keyed
/// hasher, which is seeded by the operating system.
fn secret() -> String {
    let half = || RandomState::new().build_hasher().finish();
    format!("{:016x}{:016x}", half(), half())
}

const TIMED_OUT: &str = "so the runner stopped it: does it wait forever (a deadlock, a join \
     or a receive that never completes) or loop without end?";
const EXITED_EARLY: &str = "the test process exited with status 0 before the test finished: \
     something called `std::process::exit`; a test only passes when the test harness says so";
const UNSEALED: &str = "the test harness's pass line was printed, but the test function \
     never returned: something printed that line itself and ended the process early. A test \
     passes only when it runs to its end. (Instructors: a grading test must be a \
     `#[graded::test]`.)";
const LEFT_CHILDREN: &str = "the test left processes behind: children still running, or dead \
     but never waited for (zombies); the runner killed them. Every child you start must be \
     waited for (`wait`, `wait_with_output`), after `kill` too, before the function returns.";

/// What Rust prints when it aborts a process instead of unwinding, and what it means.
const ABORTS: &[(&str, &str)] = &[
    (
        "panic in a destructor during cleanup",
        "the process aborted: a second panic happened while the thread was already unwinding \
         from a panic (typically a `drop` that panics during unwinding); in `drop`, do not \
         panic while `std::thread::panicking()` is true",
    ),
    (
        "panic in a function that cannot unwind",
        "the process aborted: a panic reached a function that cannot unwind (an \
         `extern \"C\"` function, or a `drop` during unwinding); a panic must not cross it",
    ),
    (
        "thread panicked while processing panic",
        "the process aborted: a panic hook (`std::panic::set_hook`) panicked itself",
    ),
    (
        "has overflowed its stack",
        "the process aborted: stack overflow (unbounded recursion, or a huge value on the stack?)",
    ),
    (
        "memory allocation of ",
        "the process aborted: it ran out of memory (an allocation failed): does something grow \
         without bound, or ask for an absurd capacity?",
    ),
    (
        "fatal runtime error:",
        "the process aborted: the Rust runtime hit a fatal error (see its message above)",
    ),
];

/// The status of a test from how its process ended and what the harness printed.
fn classify(
    job: &TestJob,
    status: Option<ExitStatus>,
    timed_out: bool,
    left_children: bool,
    stdout: &Captured,
    stderr: &Captured,
) -> TestOutcome {
    // Stored and serialized as plain text: some assertion crates colour their messages
    // whatever the terminal (pretty_assertions' diffs); `style` colours at print time.
    let stderr = style::plain(&stderr.text());
    let panics = panic_messages(&stderr);
    let mut messages: Vec<String> = panics.iter().map(Panic::to_string).collect();
    let mut notes = Vec::new();
    let mut verdict = if timed_out {
        notes.push(format!(
            "did not finish within {} s, {TIMED_OUT}",
            job.timeout.as_secs()
        ));
        Status::TimedOut
    } else if status.is_some_and(|s| s.success()) && stdout.tail_has("\ntest result: ok. 1 passed;")
    {
        if stdout.sealed {
            Status::Passed
        } else {
            notes.push(UNSEALED.to_string());
            Status::Failed
        }
    } else if stdout.tail_has("\ntest result: FAILED. 0 passed; 1 failed;") {
        let todo = panics
            .iter()
            .any(|p| p.message.starts_with("not yet implemented"));
        if todo {
            Status::NotStarted
        } else {
            Status::Failed
        }
    } else if let Some(why) = abort_reason(&stderr) {
        // The explanation is the diagnosis; the panics that led to it follow.
        messages.insert(0, why.to_string());
        Status::Crashed
    } else {
        // The process ended without the harness's verdict.
        notes.push(match status {
            Some(s) => match process::crash_reason(s) {
                Some(crash) => format!("the test process was {crash}"),
                None if s.success() => EXITED_EARLY.to_string(),
                None => format!("the test process exited with {s} before the test finished (`std::process::exit`?)"),
            },
            None => "the test process ended without an exit status".to_string(),
        });
        Status::Crashed
    };
    if left_children {
        notes.push(LEFT_CHILDREN.to_string());
        if verdict == Status::Passed {
            verdict = Status::Failed;
        }
    }
    if verdict == Status::Failed && messages.is_empty() && notes.is_empty() {
        messages.push(format!(
            "the test failed without a panic message:\n{}",
            stderr.trim_end()
        ));
    }
    TestOutcome {
        status: verdict,
        messages,
        notes,
    }
}

/// Why the Rust runtime aborted the process, from what it printed before aborting.
fn abort_reason(stderr: &str) -> Option<&'static str> {
    ABORTS
        .iter()
        .find(|(printed, _)| stderr.contains(printed))
        .map(|(_, why)| *why)
}

struct Panic {
    thread: String,
    location: String,
    message: String,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "thread '{}' panicked at {}:\n{}",
            self.thread, self.location, self.message
        )
    }
}

/// The panics the default hook printed: `thread 'NAME' (ID) panicked at FILE:L:C:` and
/// the message lines after it, up to the hook's `note:` or the next panic.
fn panic_messages(stderr: &str) -> Vec<Panic> {
    let mut panics: Vec<Panic> = Vec::new();
    let mut open = false;
    for line in stderr.lines() {
        if let Some(header) = line
            .strip_prefix("thread '")
            .filter(|l| l.contains(" panicked at ") && l.ends_with(':'))
        {
            let (thread, rest) = header.split_once('\'').unwrap_or((header, ""));
            let location = rest
                .rsplit_once(" panicked at ")
                .map_or("", |(_, at)| at)
                .trim_end_matches(':');
            panics.push(Panic {
                thread: thread.to_string(),
                location: location.to_string(),
                message: String::new(),
            });
            open = true;
        } else if line.starts_with("note: run with `RUST_BACKTRACE")
            || line.starts_with("note: panic did not")
            || line.ends_with("panic. aborting.")
        {
            open = false;
        } else if let (true, Some(panic)) = (open, panics.last_mut()) {
            if !panic.message.is_empty() {
                panic.message.push('\n');
            }
            panic.message.push_str(line);
        }
    }
    for panic in &mut panics {
        panic.message = panic.message.trim_end().to_string();
    }
    // The runtime's own panic before an abort is explained by `abort_reason`.
    panics.retain(|p| {
        !ABORTS
            .iter()
            .any(|(printed, _)| p.message.starts_with(printed))
    });
    panics
}

/// A stream read to its end on a thread of its own, keeping a bounded head and tail.
struct Capture {
    done: mpsc::Receiver<Captured>,
}

#[derive(Default)]
struct Captured {
    head: Vec<u8>,
    tail: Vec<u8>,
    total: u64,
    /// The line looked for anywhere in the stream, however long: the test's seal.
    seal: Option<Vec<u8>>,
    /// The last bytes seen, in which a seal split across two reads is found.
    window: Vec<u8>,
    sealed: bool,
}

fn capture(mut stream: impl Read + Send + 'static, seal: Option<String>) -> Capture {
    let (send, done) = mpsc::channel();
    thread::spawn(move || {
        let mut captured = Captured {
            seal: seal.map(|seal| format!("\n{seal}\n").into_bytes()),
            ..Captured::default()
        };
        let mut buffer = [0u8; 8192];
        while let Ok(n @ 1..) = stream.read(&mut buffer) {
            captured.push(&buffer[..n]);
        }
        let _ = send.send(captured);
    });
    Capture { done }
}

impl Capture {
    /// Waits for the end of the stream, but not for a process that escaped the group
    /// and still holds the pipe.
    fn finish(self) -> Captured {
        self.done
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_default()
    }
}

impl Captured {
    fn push(&mut self, bytes: &[u8]) {
        if let (Some(seal), false) = (&self.seal, self.sealed) {
            self.window.extend_from_slice(bytes);
            self.sealed = self
                .window
                .windows(seal.len())
                .any(|w| w == seal.as_slice());
            let keep = self.window.len().saturating_sub(seal.len());
            self.window.drain(..keep);
        }
        self.total += bytes.len() as u64;
        let room = HEAD_BYTES.saturating_sub(self.head.len());
        let (head, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(head);
        self.tail.extend_from_slice(rest);
        if self.tail.len() > 2 * TAIL_BYTES {
            self.tail.drain(..self.tail.len() - TAIL_BYTES);
        }
    }

    fn text(&self) -> String {
        let head = String::from_utf8_lossy(&self.head);
        if self.tail.is_empty() {
            return head.into_owned();
        }
        let tail_start = self.tail.len().saturating_sub(TAIL_BYTES);
        let skipped = self.total - self.head.len() as u64 - (self.tail.len() - tail_start) as u64;
        let tail = String::from_utf8_lossy(&self.tail[tail_start..]);
        if skipped == 0 {
            format!("{head}{tail}")
        } else {
            format!("{head}\n[... {skipped} bytes of output left out ...]\n{tail}")
        }
    }

    fn tail_has(&self, needle: &str) -> bool {
        let tail = if self.tail.is_empty() {
            &self.head
        } else {
            &self.tail
        };
        String::from_utf8_lossy(tail).contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_panics_as_the_default_hook_prints_them() {
        let stderr = "thread 'a::b' (12) panicked at tests/a.rs:3:5:\nassertion `left == right` failed\n  left: 1\n right: 2\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\
                      thread '<unnamed>' panicked at src/a.rs:9:1:\nnot yet implemented: spawn it\n";
        let panics = panic_messages(stderr);
        assert_eq!(panics.len(), 2);
        assert_eq!(panics[0].thread, "a::b");
        assert_eq!(panics[0].location, "tests/a.rs:3:5");
        assert_eq!(
            panics[0].message,
            "assertion `left == right` failed\n  left: 1\n right: 2"
        );
        assert_eq!(panics[1].message, "not yet implemented: spawn it");
    }

    #[test]
    fn explains_an_abort_before_the_panics_that_led_to_it() {
        let stderr = "thread 'g::t' (7) panicked at tests/g.rs:5:9:\nthe caller panics\n\
                      note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\
                      thread 'g::t' (7) panicked at library/core/src/panicking.rs:233:5:\n\
                      panic in a destructor during cleanup\n\
                      thread caused non-unwinding panic. aborting.\n";
        let panics = panic_messages(stderr);
        assert_eq!(
            panics.len(),
            1,
            "the runtime's own panic is explained, not repeated"
        );
        assert_eq!(panics[0].message, "the caller panics");
        assert!(abort_reason(stderr).is_some_and(|why| why.contains("std::thread::panicking()")));
        assert_eq!(
            abort_reason("thread 'x' panicked at a.rs:1:1:\nboom\n"),
            None
        );
    }

    #[test]
    fn keeps_panic_messages_without_escapes() {
        let job = TestJob {
            exe: PathBuf::from("exercises"),
            cwd: PathBuf::from("."),
            name: "a::b".into(),
            timeout: Duration::from_secs(1),
            sandbox: None,
        };
        let mut stdout = Captured::default();
        stdout.push(b"\ntest result: FAILED. 0 passed; 1 failed;\n");
        // As pretty_assertions prints its diff, whatever the terminal.
        let mut stderr = Captured::default();
        stderr.push(
            b"thread 'a::b' (3) panicked at tests/a.rs:4:5:\nassertion failed: `(left == right)`\n\n\
              \x1b[1mDiff\x1b[0m \x1b[31m< left\x1b[0m / \x1b[32mright >\x1b[0m :\n\
              \x1b[31m<\x1b[0m\x1b[1;48;5;52;31m2\x1b[0m\n\x1b[32m>\x1b[0m\x1b[1;48;5;22;32m5\x1b[0m\n",
        );
        let outcome = classify(&job, None, false, false, &stdout, &stderr);
        assert_eq!(outcome.status, Status::Failed);
        assert_eq!(
            outcome.messages,
            [
                "thread 'a::b' panicked at tests/a.rs:4:5:\nassertion failed: `(left == right)`\n\n\
              Diff < left / right > :\n<2\n>5"
            ]
        );
    }

    #[test]
    fn caps_output_but_keeps_the_tail() {
        let mut captured = Captured::default();
        for _ in 0..10_000 {
            captured.push(b"spam spam spam\n");
        }
        captured.push(b"\ntest result: ok. 1 passed; 0 failed;\n");
        assert!(captured.head.len() + captured.tail.len() <= HEAD_BYTES + 2 * TAIL_BYTES);
        assert!(captured.tail_has("\ntest result: ok. 1 passed; 0 failed"));
        assert!(captured.text().contains("bytes of output left out"));
    }

    #[test]
    fn finds_the_seal_anywhere_even_split_across_reads() {
        let mut captured = Captured {
            seal: Some(b"\ngraded: returned 42\n".to_vec()),
            ..Captured::default()
        };
        captured.push(b"out\ngraded: retu");
        assert!(!captured.sealed);
        captured.push(b"rned 42");
        assert!(!captured.sealed, "not until the line ends");
        captured.push(b"\n");
        assert!(captured.sealed);
        for _ in 0..10_000 {
            captured.push(b"spam spam spam\n");
        }
        assert!(captured.sealed, "output after the seal does not hide it");

        let mut forged = Captured {
            seal: Some(b"\ngraded: returned 42\n".to_vec()),
            ..Captured::default()
        };
        forged.push(b"\ngraded: returned 4\n\ngraded: returned 421\n");
        assert!(!forged.sealed, "only the exact secret seals");
    }
}
