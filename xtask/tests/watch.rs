//! `cargo xtask watch` on the fixture course: it grades again on a save, keeps watching
//! once everything passes, grades exercises and lessons added while it runs, and outlives
//! a broken manifest; on a terminal, `q` (no Enter) stops it, and the terminal gets its
//! mode back, Ctrl-C or not.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use support::{Course, EXERCISES};

/// How long a round may take: a watchdog only, generous for a first build on a busy
/// machine.
const ROUND_DEADLINE: Duration = Duration::from_secs(180);

/// `xtask watch` running in a copy of the fixture course, killed on drop.
struct Watch {
    child: Child,
    /// Lines of stdout and stderr, each in its order (errors go to stderr).
    lines: Receiver<String>,
}

impl Watch {
    fn start(course: &Course, stdin: Stdio) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("watch")
            .current_dir(course.path(""))
            .env("CARGO_TARGET_DIR", course.path("target"))
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("xtask watch starts");
        let (sender, lines) = mpsc::channel();
        let forward = |stream: Box<dyn Read + Send>| {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        };
        forward(Box::new(child.stdout.take().unwrap()));
        forward(Box::new(child.stderr.take().unwrap()));
        Watch { child, lines }
    }

    /// Reads lines until one contains `needle`; returns them, that one last.
    fn wait_for(&self, needle: &str) -> Vec<String> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + ROUND_DEADLINE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = self.lines.recv_timeout(left) else {
                break;
            };
            let found = line.contains(needle);
            seen.push(line);
            if found {
                return seen;
            }
        }
        panic!(
            "watch never printed {needle:?}; it printed:\n{}",
            seen.join("\n")
        );
    }

    /// The last line of the next round: what passes, and the keys.
    /// The lines of the next round; its last line says how to stop.
    fn next_round(&self) -> Vec<String> {
        self.wait_for("Watching for changes")
    }

    fn assert_running(&mut self) {
        let status = self.child.try_wait().unwrap();
        assert_eq!(status, None, "watch stopped");
    }

    /// Waits for watch to end by itself.
    fn exit_status(&mut self) -> ExitStatus {
        let deadline = Instant::now() + ROUND_DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "watch did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends SIGINT, as Ctrl-C does.
    #[cfg(unix)]
    fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a round says when every exercise of the fixture passes.
const ALL_PASS: &str = "All 10 exercises of the course pass. Well done!";

/// Puts the reference solution of every exercise in the student's place.
fn solve_all(course: &Course) {
    for exercise in &EXERCISES {
        let solution = course.read(&format!(
            "lessons/{}/solutions/{}.rs",
            exercise.lesson, exercise.name
        ));
        course.write(&exercise.file(), &solution);
    }
}

/// With no terminal attached: a round, then another when a file is saved.
#[test]
fn watch_regrades_when_a_file_is_saved() {
    let course = Course::new("watch");
    let watch = Watch::start(&course, Stdio::null());
    let first = watch.next_round();
    assert!(
        first.iter().any(|l| l.contains("Next: fails")),
        "{first:#?}"
    );

    // The student fixes `fails` and saves.
    let file = "lessons/01-basics/src/fails.rs";
    course.write(file, &course.read(file).replace("a + b", "a * b"));
    let second = watch.next_round();
    assert!(
        second.iter().any(|l| l.contains("Next: not_started")),
        "{second:#?}"
    );
}

#[test]
fn watch_keeps_watching_once_everything_passes() {
    let course = Course::new("watch-all-pass");
    solve_all(&course);
    let mut watch = Watch::start(&course, Stdio::null());
    let round = watch.next_round();
    assert!(round.iter().any(|l| l.contains(ALL_PASS)), "{round:#?}");
    // Without a terminal there is no key to read: only Ctrl-C stops it.
    let last = round.last().unwrap();
    assert!(
        last.ends_with("save a file to grade again, Ctrl-C to stop."),
        "{last}"
    );

    // The student breaks `fails` again, and saves.
    let file = "lessons/01-basics/src/fails.rs";
    course.write(file, &course.read(file).replace("a * b", "a + b"));
    let round = watch.wait_for("Watching for changes");
    assert!(
        round.iter().any(|l| l.contains("Next: fails")),
        "{round:#?}"
    );
    assert!(!round.iter().any(|l| l.contains(ALL_PASS)), "{round:#?}");

    // And mends it.
    course.write(file, &course.read(file).replace("a + b", "a * b"));
    let round = watch.next_round();
    assert!(round.iter().any(|l| l.contains(ALL_PASS)), "{round:#?}");
    watch.assert_running();
}

/// As after a `git pull` of a newer edition: an exercise in a lesson's manifest, then a
/// lesson, that were not there when watch started.
#[test]
fn watch_grades_exercises_and_lessons_added_while_it_runs() {
    let course = Course::new("watch-new");
    solve_all(&course);
    let watch = Watch::start(&course, Stdio::null());
    watch.wait_for(ALL_PASS);

    // `new` writes every starter anew, in the instructors' repository: the solutions are
    // put back after it, and the new exercise is the one left to do.
    course
        .xtask(&["new", "exercise", "02", "shout"])
        .assert_code(0);
    solve_all(&course);
    let round = watch.wait_for("Next: shout");
    assert!(
        round.iter().any(|l| l.contains("10/11 exercises solved")),
        "{round:#?}"
    );

    course
        .xtask(&["new", "lesson", "loops", "count_up"])
        .assert_code(0);
    solve_all(&course);
    let round = watch.wait_for("10/12 exercises solved");
    assert!(
        round.iter().any(|l| l.trim_start().starts_with("03-loops")),
        "{round:#?}"
    );
}

/// A manifest caught half-way through a pull: the error is shown, watch keeps going,
/// and the next change that mends it is graded.
#[test]
fn watch_shows_a_broken_manifest_and_recovers() {
    let course = Course::new("watch-broken");
    let mut watch = Watch::start(&course, Stdio::null());
    watch.next_round();

    let manifest = "lessons/02-extras/lesson.toml";
    let intact = course.read(manifest);
    course.write(manifest, "title = \"Extras\"\n[[exercises]\nname = ");
    let round = watch.wait_for("is not a valid manifest");
    let error = round.last().unwrap();
    assert!(
        error.starts_with("error:") && error.contains("02-extras"),
        "{round:#?}"
    );
    watch.assert_running();

    course.write(manifest, &intact);
    watch.wait_for("Next: fails");
    watch.assert_running();
}

/// A pseudo-terminal for watch's standard input, so that it reads keys.
#[cfg(unix)]
#[allow(unsafe_code)] // openpty and termios have no std API.
mod pty {
    use std::fs::File;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    pub struct Pty {
        /// The keyboard's end: what is written here is typed.
        pub keyboard: File,
        /// The program's end: its standard input.
        pub terminal: OwnedFd,
    }

    pub fn open() -> Pty {
        let (mut keyboard, mut terminal) = (-1, -1);
        // SAFETY: openpty writes two descriptors where it points; a null name, termios
        // and window size are allowed, and mean the defaults.
        let opened = unsafe {
            libc::openpty(
                &mut keyboard,
                &mut terminal,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened, and nothing else owns them.
        unsafe {
            Pty {
                keyboard: File::from_raw_fd(keyboard),
                terminal: OwnedFd::from_raw_fd(terminal),
            }
        }
    }

    impl Pty {
        /// Whether the terminal edits lines (waits for Enter) and echoes keys.
        pub fn line_editing_and_echo(&self) -> (bool, bool) {
            let mut mode = std::mem::MaybeUninit::<libc::termios>::uninit();
            // SAFETY: tcgetattr writes a whole termios where it points, and returns 0
            // only when it has; `mode` is read only then.
            let mode = unsafe {
                assert_eq!(
                    libc::tcgetattr(self.terminal.as_raw_fd(), mode.as_mut_ptr()),
                    0,
                    "tcgetattr: {}",
                    std::io::Error::last_os_error()
                );
                mode.assume_init()
            };
            (
                mode.c_lflag & libc::ICANON != 0,
                mode.c_lflag & libc::ECHO != 0,
            )
        }
    }
}

/// On a terminal `q` stops watch at once, without Enter, and the terminal is as before.
#[cfg(unix)]
#[test]
fn q_on_a_terminal_stops_watch_and_restores_the_terminal() {
    use std::io::Write;

    let course = Course::new("watch-q");
    let mut pty = pty::open();
    assert_eq!(pty.line_editing_and_echo(), (true, true));
    let mut watch = Watch::start(&course, Stdio::from(pty.terminal.try_clone().unwrap()));
    let round = watch.next_round();
    let last = round.last().unwrap();
    assert!(
        last.ends_with("save a file to grade again, q or Ctrl-C to stop."),
        "{last}"
    );
    assert_eq!(pty.line_editing_and_echo(), (false, false));

    pty.keyboard.write_all(b"q").unwrap();
    let status = watch.exit_status();
    assert_eq!(status.code(), Some(0), "{status}");
    assert_eq!(pty.line_editing_and_echo(), (true, true));
}

/// Ctrl-C stops watch (exit code 130) in a round and between rounds, and either way the
/// terminal is as before.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_watch_and_restores_the_terminal() {
    let course = Course::new("watch-ctrl-c");
    let pty = pty::open();

    // Between rounds.
    let mut watch = Watch::start(&course, Stdio::from(pty.terminal.try_clone().unwrap()));
    watch.next_round();
    assert_eq!(pty.line_editing_and_echo(), (false, false));
    watch.interrupt();
    assert_eq!(watch.exit_status().code(), Some(130));
    assert_eq!(pty.line_editing_and_echo(), (true, true));

    // In a round: once cargo builds what a save changed (a round over before the signal
    // lands ends the same way).
    let mut watch = Watch::start(&course, Stdio::from(pty.terminal.try_clone().unwrap()));
    watch.next_round();
    let file = "lessons/02-extras/src/greeting.rs";
    course.write(file, &format!("{}\n", course.read(file)));
    watch.wait_for("Compiling lesson-02-extras");
    assert_eq!(pty.line_editing_and_echo(), (false, false));
    watch.interrupt();
    assert_eq!(watch.exit_status().code(), Some(130));
    assert_eq!(pty.line_editing_and_echo(), (true, true));
}
