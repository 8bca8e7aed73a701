//! Helpers of the self-tests: a fresh copy of the fixture course (`tests/fixtures/course`)
//! for each test, `xtask` run in it under a deadline, its JSON report checked against
//! the schema, and (on Linux) the processes it may have left behind.

// Each test crate (`grading.rs`, `commands.rs`) uses its own part of this module.
#![allow(dead_code)]

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one `xtask` command may take before the self-test gives up on it: building
/// the fixture takes seconds, and its slowest exercises time out after 1 or 2 seconds.
const COMMAND_DEADLINE: Duration = Duration::from_secs(180);

/// How long `xtask`'s output may stay open after it exits (only a process it left
/// behind could hold it open).
const PIPE_GRACE: Duration = Duration::from_secs(10);

/// How long processes may take to disappear once killed, before counting as left behind.
const PROCESS_GRACE: Duration = Duration::from_secs(5);

/// What `xtask` may print at most, even for an exercise that prints without end.
pub const MAX_OUTPUT: usize = 1 << 20;

/// The statuses of exercises and tests in the JSON report, in the order of `summary`.
pub const STATUSES: [&str; 7] = [
    "passed",
    "failed",
    "not_started",
    "timed_out",
    "crashed",
    "compile_error",
    "not_graded",
];

/// An exercise of the fixture course, as its `lesson.toml` describes it.
pub struct Exercise {
    pub lesson: &'static str,
    pub name: &'static str,
    pub title: &'static str,
}

impl Exercise {
    /// The student's file, relative to the course root, as the report gives it.
    pub fn file(&self) -> String {
        format!("lessons/{}/src/{}.rs", self.lesson, self.name)
    }
}

const fn exercise(lesson: &'static str, name: &'static str, title: &'static str) -> Exercise {
    Exercise {
        lesson,
        name,
        title,
    }
}

/// Every exercise of the fixture course, in course order.
pub const EXERCISES: [Exercise; 10] = [
    exercise("01-basics", "passes", "Add two numbers"),
    exercise("01-basics", "fails", "Multiply two numbers"),
    exercise("01-basics", "not_started", "Double a number"),
    exercise("01-basics", "hangs", "Find the next power of two"),
    exercise("01-basics", "exits_early", "Parse a port number"),
    exercise("01-basics", "aborts", "Look an element up"),
    exercise("01-basics", "overflows", "Add up the numbers to n"),
    exercise("01-basics", "prints_forever", "Print a countdown"),
    exercise(
        "01-basics",
        "leaves_child",
        "Stop a child process when its guard is dropped",
    ),
    exercise("02-extras", "greeting", "Greet someone"),
];

/// The names of the fixture's exercises in `lesson`, in course order.
pub fn exercises_of(lesson: &str) -> Vec<&'static str> {
    EXERCISES
        .iter()
        .filter(|exercise| exercise.lesson == lesson)
        .map(|exercise| exercise.name)
        .collect()
}

/// A copy of the fixture course in a fresh temporary directory, removed on drop (after
/// killing, on Linux, any process still running from it).
pub struct Course {
    root: PathBuf,
}

impl Course {
    /// Copies the fixture course into a new directory named after `test`.
    pub fn new(test: &str) -> Course {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "xtask-selftest-{test}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap();
        }
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/course");
        copy_tree(&fixture, &dir);
        // The fixture's tests are graded tests, as the course's are.
        let graded = Path::new(env!("CARGO_MANIFEST_DIR")).join("../graded");
        copy_tree(&graded, &dir.join("graded"));
        // The runner finds the course from its (resolved) current directory: the same
        // path then appears in the command lines of the processes it starts.
        let root = dir.canonicalize().unwrap();
        Course { root }
    }

    /// `rel`, a `/`-separated path relative to the course root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, contents: &str) {
        fs::write(self.path(rel), contents).unwrap_or_else(|e| panic!("writing {rel}: {e}"));
    }

    /// Publishes the course to `editions/<name>` and returns the edition's path.
    pub fn publish(&self, name: &str) -> PathBuf {
        let out = format!("editions/{name}");
        self.xtask(&["publish", &out]).assert_code(0);
        self.path(&out)
    }

    /// Runs `xtask ARGS` in the course root.
    pub fn xtask(&self, args: &[&str]) -> Output {
        self.xtask_in("", args)
    }

    /// Runs `xtask ARGS` in the course root with `env` added.
    pub fn xtask_env(&self, env: &[(&str, &Path)], args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", self.path("target"))
            .envs(env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        run(command, args)
    }

    /// Runs `xtask ARGS` in `dir`, relative to the course root.
    pub fn xtask_in(&self, dir: &str, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command
            .args(args)
            .current_dir(self.path(dir))
            // A build directory of its own: copies of the fixture in different
            // directories build to the same artifact names, so they cannot share one.
            .env("CARGO_TARGET_DIR", self.path("target"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        run(command, args)
    }

    /// Runs `xtask ARGS` in another course below this one, `dir` (a published edition, a
    /// student's copy), with a build directory of its own and `env` added.
    pub fn xtask_in_copy(&self, dir: &str, env: &[(&str, &Path)], args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command
            .args(args)
            .current_dir(self.path(dir))
            .env("CARGO_TARGET_DIR", self.path(dir).join("target"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        run(command, args)
    }

    /// Runs `xtask ARGS` in the course root and returns its JSON report, checked
    /// against the schema.
    pub fn check_json(&self, args: &[&str], expected_code: i32) -> Report {
        let output = self.xtask(args);
        output.assert_code(expected_code);
        Report::parse(&output)
    }

    /// Every file of the course (outside its build directory), relative to its root.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        let mut dirs = vec![self.root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path != self.path("target") {
                        dirs.push(path);
                    }
                } else {
                    let rel = path.strip_prefix(&self.root).unwrap();
                    let parts: Vec<_> = rel.iter().map(|part| part.to_string_lossy()).collect();
                    files.push(parts.join("/"));
                }
            }
        }
        files.sort();
        files
    }

    /// The processes still running from this course: those whose command line names a
    /// path in it (its test binaries) or whose current directory is in it.
    #[cfg(target_os = "linux")]
    pub fn processes(&self) -> Vec<(u32, String)> {
        let marker = self.root.to_string_lossy().into_owned();
        let me = std::process::id();
        let mut found = Vec::new();
        for entry in fs::read_dir("/proc").unwrap().flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == me {
                continue;
            }
            // Both read as empty or fail for zombies and processes that just ended.
            let cmdline = fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let in_course = fs::read_link(entry.path().join("cwd"))
                .is_ok_and(|cwd| cwd.starts_with(&self.root));
            if cmdline.contains(&marker) || in_course {
                found.push((pid, cmdline.trim_end().to_owned()));
            }
        }
        found
    }

    /// Asserts that no process started from this course is still running (allowing
    /// killed ones a moment to go).
    #[cfg(target_os = "linux")]
    pub fn assert_no_processes_left(&self) {
        let start = Instant::now();
        loop {
            let left = self.processes();
            if left.is_empty() {
                return;
            }
            if start.elapsed() > PROCESS_GRACE {
                let list: Vec<_> = left
                    .iter()
                    .map(|(pid, cmdline)| format!("  {pid}: {cmdline}"))
                    .collect();
                panic!(
                    "processes left running from {}:\n{}",
                    self.root.display(),
                    list.join("\n")
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Course {
    fn drop(&mut self) {
        // Whatever a broken runner left running from this copy (and only from it).
        #[cfg(target_os = "linux")]
        for (pid, _) in self.processes() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Copies the course at `from` to `to`, without the build directory and the state a
/// course run leaves (should the fixture itself have been used as a course).
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target"
            || name == ".course-backups"
            || name.starts_with(".course-state.json")
            || name.ends_with(".rs.bak")
        {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            // A fresh modification time: the build is never taken for an older one.
            fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// What a finished `xtask` command did.
pub struct Output {
    pub args: Vec<String>,
    /// `None` when it ended by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code, Some(code), "unexpected exit code of {self}");
    }

    /// Both outputs, for messages that may come on either.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// Asserts a usage error: exit code 2 and a line on stderr starting with `error:`
    /// that contains `mentions`.
    pub fn assert_usage_error(&self, mentions: &str) {
        self.assert_code(2);
        assert!(
            self.stderr
                .lines()
                .any(|line| line.starts_with("error:") && line.contains(mentions)),
            "expected a line `error: …{mentions}…` on stderr of {self}"
        );
    }

    /// Asserts that neither output is larger than [`MAX_OUTPUT`].
    pub fn assert_small(&self) {
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                text.len() < MAX_OUTPUT,
                "{name} of `xtask {}` is {} bytes (more than {MAX_OUTPUT}); it starts with:\n{}",
                self.args.join(" "),
                text.len(),
                excerpt(text)
            );
        }
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self
            .code
            .map_or("a signal".to_owned(), |code| code.to_string());
        writeln!(f, "`xtask {}` (exit code {code})", self.args.join(" "))?;
        writeln!(f, "--- stdout ---\n{}", excerpt(&self.stdout))?;
        write!(f, "--- stderr ---\n{}", excerpt(&self.stderr))
    }
}

/// The start of `text`, short enough for a failure message.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 6000;
    if text.len() <= LIMIT {
        return text.to_owned();
    }
    let mut end = LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n[… {} more bytes]", &text[..end], text.len() - end)
}

/// Runs `command` to its end, under [`COMMAND_DEADLINE`].
fn run(mut command: Command, args: &[&str]) -> Output {
    // Self-tests that run in GitHub Actions must not write to its step outputs: only
    // the `GITHUB_*` variables a test sets itself are passed on.
    let set: Vec<std::ffi::OsString> = command.get_envs().map(|(k, _)| k.to_owned()).collect();
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GITHUB_") && !set.contains(&name) {
            command.env_remove(&name);
        }
    }
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `xtask {}`: {e}", args.join(" ")));
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > COMMAND_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(20));
    };
    let stdout = stdout.recv_timeout(PIPE_GRACE);
    let stderr = stderr.recv_timeout(PIPE_GRACE);
    let (Ok(stdout), Ok(stderr)) = (stdout, stderr) else {
        panic!(
            "`xtask {}` ended ({status:?}) but its output stayed open for {PIPE_GRACE:?}: \
             a process it started holds it",
            args.join(" ")
        );
    };
    let output = Output {
        args,
        code: status.and_then(|status| status.code()),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert!(
        status.is_some(),
        "killed after {COMMAND_DEADLINE:?}: {output}"
    );
    output
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        let _ = sender.send(bytes);
    });
    receiver
}

/// The JSON report of `check --format json`.
pub struct Report {
    json: Value,
    /// The command's output, for failure messages.
    context: String,
}

impl Report {
    /// Parses stdout of `output` as one JSON document and checks it against the schema:
    /// the fields and their types, and that the summary adds up.
    pub fn parse(output: &Output) -> Report {
        let json: Value = serde_json::from_str(&output.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {output}"));
        let report = Report {
            json,
            context: output.to_string(),
        };
        report.check_schema();
        report
    }

    fn fail(&self, what: &str) -> ! {
        panic!("{what}\nin the report of {}", self.context)
    }

    fn check_schema(&self) {
        let summary = &self.json["summary"];
        let Some(summary_fields) = summary.as_object() else {
            self.fail("no object `summary`")
        };
        let mut expected_keys: Vec<&str> = STATUSES.to_vec();
        expected_keys.push("total");
        expected_keys.sort();
        let mut keys: Vec<&str> = summary_fields.keys().map(String::as_str).collect();
        keys.sort();
        if keys != expected_keys {
            self.fail(&format!("`summary` has {keys:?}, not {expected_keys:?}"));
        }
        let Some(exercises) = self.json["exercises"].as_array() else {
            self.fail("no array `exercises`")
        };
        for exercise in exercises {
            self.check_exercise(exercise);
        }
        let total = self.summary("total");
        if total != exercises.len() as u64 {
            self.fail(&format!(
                "summary.total is {total}, but {} exercises are listed",
                exercises.len()
            ));
        }
        let mut sum = 0;
        for status in STATUSES {
            let count = exercises
                .iter()
                .filter(|exercise| exercise["status"] == status)
                .count() as u64;
            if self.summary(status) != count {
                self.fail(&format!(
                    "summary.{status} is {}, but {count} exercises have that status",
                    self.summary(status)
                ));
            }
            sum += count;
        }
        if sum != total {
            self.fail(&format!(
                "the summary's counts add up to {sum}, not {total}"
            ));
        }
    }

    fn check_exercise(&self, exercise: &Value) {
        for field in ["lesson", "exercise", "title", "file"] {
            if !exercise[field].is_string() {
                self.fail(&format!("no string `{field}` in {exercise}"));
            }
        }
        let name = exercise["exercise"].as_str().unwrap();
        let file = exercise["file"].as_str().unwrap();
        if file.contains('\\') || Path::new(file).is_absolute() {
            self.fail(&format!(
                "`file` of {name} is not relative with `/`: {file}"
            ));
        }
        let status = self.check_status_and_message(exercise);
        let Some(tests) = exercise["tests"].as_array() else {
            self.fail(&format!("no array `tests` in {exercise}"))
        };
        let mut names = Vec::new();
        for test in tests {
            let Some(test_name) = test["name"].as_str() else {
                self.fail(&format!("no string `name` in test {test} of {name}"))
            };
            let visible = test_name.starts_with(&format!("{name}::"));
            let hidden = test_name.starts_with(&format!("hidden::{name}::"));
            if !visible && !hidden {
                self.fail(&format!(
                    "test {test_name} of {name} is not named `{name}::…` or `hidden::{name}::…`"
                ));
            }
            if names.contains(&test_name) {
                self.fail(&format!("test {test_name} of {name} is listed twice"));
            }
            names.push(test_name);
            self.check_status_and_message(test);
        }
        let all_passed = !tests.is_empty() && tests.iter().all(|test| test["status"] == "passed");
        if status == "passed" && !all_passed {
            self.fail(&format!(
                "{name} passed, but not all of its tests: {exercise}"
            ));
        }
        if ["compile_error", "not_graded"].contains(&status) && !exercise["message"].is_string() {
            self.fail(&format!("{name} is {status} without a message: {exercise}"));
        }
        if status == "compile_error" && !tests.is_empty() {
            self.fail(&format!("{name} did not compile, yet it lists tests"));
        }
    }

    /// Checks `status` (one of [`STATUSES`]) and `message` (a string or null) of an
    /// exercise or a test; returns the status.
    fn check_status_and_message<'a>(&self, item: &'a Value) -> &'a str {
        let status = item["status"].as_str().unwrap_or_default();
        if !STATUSES.contains(&status) {
            self.fail(&format!("bad `status` in {item}"));
        }
        let message = &item["message"];
        if !(message.is_null() || message.is_string()) {
            self.fail(&format!("`message` is neither a string nor null in {item}"));
        }
        status
    }

    pub fn summary(&self, status: &str) -> u64 {
        self.json["summary"][status]
            .as_u64()
            .unwrap_or_else(|| self.fail(&format!("summary.{status} is not a count")))
    }

    /// The names of the exercises graded, in the report's order.
    pub fn names(&self) -> Vec<&str> {
        self.exercises()
            .iter()
            .map(|exercise| exercise["exercise"].as_str().unwrap())
            .collect()
    }

    pub fn exercises(&self) -> &Vec<Value> {
        self.json["exercises"].as_array().unwrap()
    }

    pub fn exercise(&self, name: &str) -> &Value {
        self.exercises()
            .iter()
            .find(|exercise| exercise["exercise"] == name)
            .unwrap_or_else(|| self.fail(&format!("no exercise {name}")))
    }

    pub fn status(&self, name: &str) -> &str {
        self.exercise(name)["status"].as_str().unwrap()
    }

    /// Asserts the status of exercise `name`.
    pub fn assert_status(&self, name: &str, status: &str) {
        let exercise = self.exercise(name);
        assert_eq!(
            exercise["status"], status,
            "status of exercise {name} in {exercise:#}"
        );
    }

    /// The exercise-level message of `name`, or "" for null.
    pub fn message(&self, name: &str) -> &str {
        self.exercise(name)["message"].as_str().unwrap_or_default()
    }

    /// The test `exercise::test` of `exercise`.
    pub fn test(&self, exercise: &str, test: &str) -> &Value {
        let full_name = format!("{exercise}::{test}");
        self.exercise(exercise)["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == full_name.as_str())
            .unwrap_or_else(|| {
                self.fail(&format!(
                    "no test {full_name} in {:#}",
                    self.exercise(exercise)
                ))
            })
    }

    /// Asserts the status of a test and that its message contains each of `mentions`
    /// (with `mentions` empty: a message, any, or none for a passed test).
    pub fn assert_test(&self, exercise: &str, test: &str, status: &str, mentions: &[&str]) {
        let result = self.test(exercise, test);
        assert_eq!(result["status"], status, "status of test {result:#}");
        let message = result["message"].as_str();
        if status == "passed" {
            assert_eq!(message, None, "message of passed test {result:#}");
            return;
        }
        let message = message.unwrap_or_default();
        assert!(!message.trim().is_empty(), "no message in test {result:#}");
        for mention in mentions {
            assert!(
                message.contains(mention),
                "the message of {exercise}::{test} does not contain {mention:?}: {result:#}"
            );
        }
    }
}

/// The row of student `name` in a gradebook's JSON.
pub fn grade_of<'a>(book: &'a Value, name: &str) -> &'a Value {
    book["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["student"] == name)
        .unwrap_or_else(|| panic!("no {name} in {book}"))
}
