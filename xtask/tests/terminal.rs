//! The student's terminal: colour as cargo decides it (`--color`, `CARGO_TERM_COLOR`,
//! `NO_COLOR`, `CLICOLOR_FORCE`, a terminal or not, per stream), and never an escape in
//! JSON or in a file the runner writes, even from a test whose message is coloured.

mod support;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};
use support::{Course, Output};

/// The variables that choose colour: removed from every run (CI services set
/// `CARGO_TERM_COLOR`), so that only what a test sets counts.
const COLOR_VARIABLES: [&str; 3] = ["CARGO_TERM_COLOR", "NO_COLOR", "CLICOLOR_FORCE"];

/// How long one run may take: a watchdog only (the fixture builds in seconds).
const DEADLINE: Duration = Duration::from_secs(180);

/// A test of the `fails` exercise whose message is coloured as `pretty_assertions`
/// colours its diffs: whatever the terminal, `NO_COLOR` or the harness's `--color`.
const COLORED_DIFF_TEST: &str = r#"use lesson_01_basics::fails::multiply;

#[graded::test]
fn multiplies() {
    let product = multiply(3, 4);
    assert!(
        product == 12,
        "assertion failed: `(left == right)`\n\n\x1b[1mDiff\x1b[0m \x1b[31m< left\x1b[0m / \x1b[32mright >\x1b[0m :\n\x1b[31m<\x1b[0m\x1b[1;48;5;52;31m{product}\x1b[0m\n\x1b[32m>\x1b[0m\x1b[1;48;5;22;32m12\x1b[0m\n"
    );
}
"#;

/// A copy of the fixture course whose `fails` exercise fails with a coloured diff.
fn course_with_a_colored_diff(name: &str) -> Course {
    let course = Course::new(name);
    course.write("lessons/01-basics/tests/fails.rs", COLORED_DIFF_TEST);
    course
}

/// Asserts that the diff reads without colour: which side is which is in its markers.
fn assert_plain_diff(text: &str, context: &dyn std::fmt::Display) {
    for marked in ["Diff < left / right > :", "<7", ">12"] {
        assert!(text.contains(marked), "no `{marked}` in {context}");
    }
}

fn has_escapes(text: &str) -> bool {
    // Raw, or escaped in JSON.
    text.contains('\x1b') || text.contains("\\u001b")
}

fn assert_no_escapes(output: &Output) {
    assert!(
        !has_escapes(&output.stdout) && !has_escapes(&output.stderr),
        "escapes in {output}"
    );
}

/// Which output stream of `xtask` is a terminal.
#[derive(Clone, Copy, PartialEq)]
enum Terminal {
    Neither,
    #[cfg(unix)]
    Stdout,
    #[cfg(unix)]
    Stderr,
}

/// Runs `xtask ARGS` in `course` with `terminal` on a pseudo-terminal, the other streams
/// on pipes, and of the colour variables only those of `env`.
fn xtask(course: &Course, terminal: Terminal, env: &[(&str, &str)], args: &[&str]) -> Output {
    // Every process this test binary starts is started here, one at a time: a process
    // started while a terminal is being opened would inherit it and keep it open.
    static STARTING: Mutex<()> = Mutex::new(());

    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(args)
        .current_dir(course.path(""))
        .env("CARGO_TARGET_DIR", course.path("target"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, _) in std::env::vars_os() {
        // Nor may `check --ci` write to this job's GitHub Actions outputs.
        if name.to_string_lossy().starts_with("GITHUB_") {
            command.env_remove(name);
        }
    }
    for name in COLOR_VARIABLES {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());

    let (mut child, on_terminal) = {
        let _starting = STARTING.lock().unwrap_or_else(PoisonError::into_inner);
        // Which output (0 stdout, 1 stderr) is read from the terminal.
        let on_terminal = match terminal {
            Terminal::Neither => None,
            #[cfg(unix)]
            Terminal::Stdout | Terminal::Stderr => {
                let (ours, theirs) = pty::open();
                let index = if terminal == Terminal::Stdout {
                    command.stdout(theirs);
                    0
                } else {
                    command.stderr(theirs);
                    1
                };
                Some((index, read_in_background(ours)))
            }
        };
        let child = command.spawn().expect("xtask starts");
        // Our copy of the terminal goes with the command: reading ends when xtask's does.
        drop(command);
        (child, on_terminal)
    };
    let piped = [
        child.stdout.take().map(read_in_background),
        child.stderr.take().map(read_in_background),
    ];
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("`xtask {}` did not finish in {DEADLINE:?}", args.join(" "));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut outputs = piped.map(|output| output.map(text).unwrap_or_default());
    if let Some((index, output)) = on_terminal {
        outputs[index] = text(output);
    }
    let [stdout, stderr] = outputs;
    Output {
        args: args.iter().map(|arg| arg.to_string()).collect(),
        code: status.code(),
        stdout,
        stderr,
    }
}

/// All that was read, once the writers are gone.
fn text(output: mpsc::Receiver<Vec<u8>>) -> String {
    let bytes = output
        .recv_timeout(Duration::from_secs(10))
        .expect("the output closes when xtask ends");
    String::from_utf8_lossy(&bytes).into_owned()
}

fn read_in_background(mut from: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buffer = [0; 4096];
        // A terminal's reading end fails (EIO) once every writer is gone, a pipe's ends.
        while let Ok(n @ 1..) = from.read(&mut buffer) {
            bytes.extend_from_slice(&buffer[..n]);
        }
        let _ = sender.send(bytes);
    });
    receiver
}

#[cfg(unix)]
mod pty {
    use std::fs::File;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    /// A new pseudo-terminal: the end to read what is written to it, and the terminal
    /// itself, for a child's output. Neither is inherited by other children.
    #[allow(unsafe_code)]
    pub fn open() -> (File, OwnedFd) {
        let (mut ours, mut theirs) = (-1, -1);
        use std::ptr::null_mut;
        // SAFETY: `openpty` writes the descriptors it opens to the two pointers, valid
        // for the call; it reads no name, settings or size from the null pointers.
        let opened =
            unsafe { libc::openpty(&mut ours, &mut theirs, null_mut(), null_mut(), null_mut()) };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened, and nothing else owns them.
        let (ours, theirs) = unsafe { (OwnedFd::from_raw_fd(ours), OwnedFd::from_raw_fd(theirs)) };
        for fd in [&ours, &theirs] {
            // SAFETY: `fd` is open; F_SETFD only sets its close-on-exec flag.
            let set = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
            assert_eq!(set, 0, "fcntl: {}", std::io::Error::last_os_error());
        }
        (File::from(ours), theirs)
    }
}

#[cfg(unix)]
#[test]
fn colours_a_terminal_unless_told_not_to() {
    let course = course_with_a_colored_diff("terminal");

    let colored = xtask(&course, Terminal::Stdout, &[], &["check", "fails"]);
    colored.assert_code(1);
    assert!(
        colored.stdout.contains("\x1b[1;31m✘\x1b[0m"),
        "no colour on the terminal: {colored}"
    );
    // The test's own colours are gone; which side is which still shows.
    assert!(
        colored.stdout.contains("    <7") && colored.stdout.contains("    >12"),
        "the test's message is not plain: {colored}"
    );
    assert_plain_diff(&colored.stdout, &colored);
    assert!(
        !has_escapes(&colored.stderr),
        "stderr is a pipe, yet coloured: {colored}"
    );

    for (env, args) in [
        (&[("NO_COLOR", "1")][..], &["check", "fails"][..]),
        (&[("CARGO_TERM_COLOR", "never")], &["check", "fails"]),
        // Anywhere on the command line, as cargo takes it.
        (&[], &["check", "fails", "--color", "never"]),
        (
            &[("CLICOLOR_FORCE", "1")],
            &["--color=never", "check", "fails"],
        ),
    ] {
        let plain = xtask(&course, Terminal::Stdout, env, args);
        plain.assert_code(1);
        assert_no_escapes(&plain);
        assert_plain_diff(&plain.stdout, &plain);
    }

    // Each stream by itself: errors go to stderr.
    let error = xtask(&course, Terminal::Stderr, &[], &["check", "no_such"]);
    error.assert_code(2);
    assert!(
        error.stderr.contains("\x1b[1;31merror:\x1b[0m"),
        "no colour on the terminal: {error}"
    );
    let error = xtask(&course, Terminal::Stdout, &[], &["check", "no_such"]);
    error.assert_usage_error("no_such");
}

#[test]
fn colours_a_pipe_only_when_asked() {
    let course = course_with_a_colored_diff("pipe");

    // The first run builds: cargo's progress, read plain, is coloured as ours.
    let forced = xtask(
        &course,
        Terminal::Neither,
        &[("CLICOLOR_FORCE", "1")],
        &["check", "fails"],
    );
    forced.assert_code(1);
    assert!(
        forced.stdout.contains("\x1b[1;31m✘\x1b[0m"),
        "CLICOLOR_FORCE=1 gives no colour: {forced}"
    );
    assert!(
        forced
            .stderr
            .contains("\x1b[1;32m   Compiling\x1b[0m lesson-01-basics"),
        "cargo's progress is not coloured as cargo's: {forced}"
    );
    assert!(
        !forced.stderr.contains("\x1b[92m"),
        "cargo's own colours passed through: {forced}"
    );

    let always = xtask(
        &course,
        Terminal::Neither,
        &[],
        &["--color", "always", "check", "fails"],
    );
    always.assert_code(1);
    assert!(has_escapes(&always.stdout), "no colour: {always}");
    assert_plain_diff(&plain_text(&always.stdout), &always);

    for (env, args) in [
        (&[][..], &["check", "fails"][..]),
        (&[("NO_COLOR", "1")], &["check", "fails"]),
        (&[("CARGO_TERM_COLOR", "never")], &["check", "fails"]),
        (
            &[("CARGO_TERM_COLOR", "never"), ("CLICOLOR_FORCE", "1")],
            &["check", "fails"],
        ),
        (
            &[("CARGO_TERM_COLOR", "always")],
            &["check", "--color=auto", "fails"],
        ),
    ] {
        let plain = xtask(&course, Terminal::Neither, env, args);
        plain.assert_code(1);
        assert_no_escapes(&plain);
        assert_plain_diff(&plain.stdout, &plain);
    }
}

/// `text` without its `ESC [ … m` sequences.
fn plain_text(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("\x1b[") {
        plain.push_str(before);
        rest = after.split_once('m').map_or("", |(_, after)| after);
    }
    plain.push_str(rest);
    plain
}

#[test]
fn json_and_ci_reports_are_plain_whatever_the_choice() {
    let course = course_with_a_colored_diff("json");

    let json = xtask(
        &course,
        Terminal::Neither,
        &[("CLICOLOR_FORCE", "1")],
        &["--color", "always", "check", "fails", "--format", "json"],
    );
    json.assert_code(1);
    assert!(!has_escapes(&json.stdout), "escapes in {json}");
    let report = support::Report::parse(&json);
    let message = report.test("fails", "multiplies")["message"]
        .as_str()
        .unwrap_or_default();
    assert_plain_diff(message, &json);

    let summary = course.path("summary.md");
    let outputs = course.path("outputs.txt");
    let (summary_path, outputs_path) = (summary.to_str().unwrap(), outputs.to_str().unwrap());
    let ci = xtask(
        &course,
        Terminal::Neither,
        &[
            ("CARGO_TERM_COLOR", "always"),
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", summary_path),
            ("GITHUB_OUTPUT", outputs_path),
        ],
        &["check", "--ci", "fails"],
    );
    ci.assert_code(1);
    assert!(has_escapes(&ci.stdout), "no colour: {ci}");
    // Workflow commands are read by GitHub, not by a terminal.
    let commands: Vec<&str> = ci.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert!(commands.iter().any(|c| c.starts_with("::error ")), "{ci}");
    assert!(!commands.iter().any(|c| has_escapes(c)), "{ci}");
    let mut written = vec![summary, outputs];
    for entry in fs::read_dir(course.path("target/course-report")).unwrap() {
        written.push(entry.unwrap().path());
    }
    assert!(written.len() >= 6, "{written:?}");
    for file in &written {
        assert_plain_file(file);
    }
    let report = fs::read_to_string(course.path("target/course-report/report.json")).unwrap();
    assert_plain_diff(&report, &"report.json");
}

#[test]
fn gradebooks_are_plain_whatever_the_choice() {
    let course = course_with_a_colored_diff("gradebook");
    let ann = course.publish("ann");
    fs::write(
        ann.join("lessons/01-basics/src/fails.rs"),
        "pub fn multiply(a: u32, b: u32) -> u32 {\n    a + b\n}\n",
    )
    .unwrap();
    let mut args = vec![
        "--color",
        "always",
        "grade",
        "--out",
        "book",
        "editions/ann",
    ];
    if !cfg!(target_os = "linux") {
        // Class grading's sandbox is Linux's bubblewrap.
        args.push("--no-sandbox");
    }
    let output = xtask(&course, Terminal::Neither, &[], &args);
    output.assert_code(0);
    assert!(has_escapes(&output.stderr), "no colour: {output}");
    for name in ["gradebook.csv", "gradebook.json", "gradebook.md"] {
        assert_plain_file(&course.path(&format!("book/{name}")));
    }
    let book = fs::read_to_string(course.path("book/gradebook.json")).unwrap();
    assert_plain_diff(&book, &"gradebook.json");
}

fn assert_plain_file(path: &Path) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        !has_escapes(&text),
        "escapes in {}:\n{text}",
        path.display()
    );
}

#[test]
fn a_colour_choice_is_auto_always_or_never() {
    let course = Course::new("bad-color");
    let blue = xtask(
        &course,
        Terminal::Neither,
        &[],
        &["check", "--color", "blue"],
    );
    blue.assert_usage_error(
        "argument for --color must be auto, always, or never, but found `blue`",
    );
    let missing = xtask(&course, Terminal::Neither, &[], &["list", "--color"]);
    missing.assert_usage_error("a value is required for `--color <WHEN>`");
}
