//! Grading: build the selected lessons, run every test in its own process, several at
//! once, and gather a [`Report`].

use crate::cargo::{self, CompileError, LessonBuild};
use crate::course::{Course, Exercise, Lesson};
use crate::fields::Fields;
use crate::report::{ExerciseReport, Report, Status, TestReport};
use crate::runner::{self, TestJob, TestOutcome};
use crate::sandbox::{Sandbox, Step};
use crate::{error::Error, process};
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub struct Options {
    /// Grade the reference solutions instead of `src/`.
    pub solutions: bool,
    /// Reuse results of tests whose binaries have not changed since they last ran.
    pub cache: bool,
    /// Ask rustc for colored diagnostics.
    pub color: bool,
    /// Where cargo builds: the workspace's own `target/` when `None`.
    pub target_dir: Option<PathBuf>,
    /// Keep cargo's progress lines to itself (graders running side by side).
    pub quiet: bool,
    /// Build, list and run in this sandbox (class grading of untrusted code).
    pub sandbox: Option<Sandbox>,
    /// Stop a build that takes longer (a const evaluation or a build that never ends).
    pub build_timeout: Option<Duration>,
}

/// Whether results may be reused: not in CI, which must grade from scratch.
pub fn cache_allowed() -> bool {
    std::env::var_os("CI").is_none()
}

impl Options {
    /// The student's work in `src/`.
    pub fn starters(cache: bool, color: bool) -> Options {
        Options {
            solutions: false,
            cache,
            color,
            target_dir: None,
            quiet: false,
            sandbox: None,
            build_timeout: None,
        }
    }

    /// `src/` of another copy of the course (a student's work in a grading copy, the
    /// student edition): from scratch, built into `target_dir`, quietly.
    pub fn copy(target_dir: PathBuf) -> Options {
        Options {
            solutions: false,
            cache: false,
            color: false,
            target_dir: Some(target_dir),
            quiet: true,
            sandbox: None,
            build_timeout: None,
        }
    }

    /// The reference solutions: never cached, they are what `verify` proves.
    pub fn solutions(color: bool) -> Options {
        Options {
            solutions: true,
            cache: false,
            color,
            target_dir: None,
            quiet: false,
            sandbox: None,
            build_timeout: None,
        }
    }

    /// What the build needs to know of these options.
    pub fn build(&self) -> cargo::Build<'_> {
        cargo::Build {
            solutions: self.solutions,
            color: self.color,
            target_dir: self.target_dir.as_deref(),
            quiet: self.quiet,
            sandbox: self.sandbox.as_ref(),
            timeout: self.build_timeout,
        }
    }
}

pub fn grade(course: &Course, selection: &[Exercise], options: &Options) -> Result<Report, Error> {
    let mut lessons: Vec<&Lesson> = Vec::new();
    for exercise in selection {
        if !lessons.iter().any(|l| std::ptr::eq(*l, exercise.lesson)) {
            lessons.push(exercise.lesson);
        }
    }
    process::watch_interrupts();
    let builds = cargo::build_tests(course, &lessons, &options.build())?;
    if process::interrupted() {
        return Err(Error::interrupted());
    }

    // Every test of every selected exercise that built, in course order.
    let mut jobs: Vec<TestJob> = Vec::new();
    // One result cache per test binary.
    let mut caches: HashMap<PathBuf, ResultCache> = HashMap::new();
    for lesson in &lessons {
        let LessonBuild::Built {
            test_exe,
            fingerprint,
        } = &builds[&lesson.id]
        else {
            continue;
        };
        let cache = caches
            .entry(test_exe.clone())
            .or_insert_with(|| ResultCache::open(test_exe, *fingerprint, options.cache));
        let tests = cache
            .tests(test_exe, &lesson.dir, options.sandbox.as_ref())?
            .to_vec();
        for exercise in selection.iter().filter(|e| std::ptr::eq(e.lesson, *lesson)) {
            let mut own: Vec<&String> = tests
                .iter()
                .filter(|t| exercise_of(t) == exercise.name())
                .collect();
            sort_as_written(exercise, &mut own);
            for name in own {
                jobs.push(TestJob {
                    exe: test_exe.clone(),
                    cwd: lesson.dir.clone(),
                    name: name.clone(),
                    timeout: exercise.entry.timeout(),
                    sandbox: options.sandbox.clone(),
                });
            }
        }
    }

    let outcomes = run_all(&jobs, &caches);
    if process::interrupted() {
        return Err(Error::interrupted());
    }
    for (job, outcome) in jobs.iter().zip(&outcomes) {
        if let Some(cache) = caches.get_mut(&job.exe) {
            cache.record(job, outcome);
        }
    }
    for cache in caches.values() {
        cache.save();
    }

    let mut results: HashMap<&str, TestOutcome> =
        jobs.iter().map(|j| j.name.as_str()).zip(outcomes).collect();
    let exercises = selection
        .iter()
        .map(|exercise| {
            let file = course.relative(&exercise.src_file());
            let (status, message, tests, line) = match &builds[&exercise.lesson.id] {
                LessonBuild::Failed { errors } => {
                    let (status, message, line) = compile_status(course, exercise, errors);
                    (status, Some(message), Vec::new(), line)
                }
                LessonBuild::Built { .. } => {
                    let tests: Vec<TestReport> = jobs
                        .iter()
                        .filter(|j| exercise_of(&j.name) == exercise.name())
                        .filter_map(|j| {
                            results.remove(j.name.as_str()).map(|o| TestReport {
                                name: j.name.clone(),
                                status: o.status,
                                messages: o.messages,
                                notes: o.notes,
                            })
                        })
                        .collect();
                    let status = Status::of_exercise(tests.iter().map(|t| t.status));
                    let message = tests.is_empty().then(|| {
                        format!(
                            "no tests found for this exercise: add them to {}",
                            course.relative(&exercise.test_file())
                        )
                    });
                    let line = (status != Status::Passed)
                        .then(|| line_to_open(exercise, &file, &tests))
                        .flatten();
                    (status, message, tests, line)
                }
            };
            ExerciseReport {
                lesson: exercise.lesson.id.clone(),
                exercise: exercise.name().to_string(),
                title: exercise.entry.title.clone(),
                file,
                line,
                status,
                message,
                tests,
            }
        })
        .collect();
    Ok(Report::new(exercises))
}

/// Orders an exercise's tests as they are written: `tests/NAME.rs` top to bottom, then
/// `tests/hidden/NAME.rs`. Reports list failures in this order, so the first test of a
/// file is the first diagnosis a student reads. A test whose `fn` is not found (one a
/// macro made) comes after those of its file.
fn sort_as_written(exercise: &Exercise, tests: &mut [&String]) {
    let visible = std::fs::read_to_string(exercise.test_file()).unwrap_or_default();
    let hidden = std::fs::read_to_string(exercise.hidden_test_file()).unwrap_or_default();
    tests.sort_by_cached_key(|test| {
        let (file, text) = if is_hidden(test) {
            (1, &hidden)
        } else {
            (0, &visible)
        };
        let position = text.find(&signature_of(test)).unwrap_or(usize::MAX);
        (file, position, test.to_string())
    });
}

fn is_hidden(test: &str) -> bool {
    test.starts_with("hidden::")
}

/// How test `run_helper::returns_stdout` begins in its file: `fn returns_stdout(`.
fn signature_of(test: &str) -> String {
    let function = test.rsplit("::").next().unwrap_or(test);
    format!("fn {function}(")
}

/// `run_helper::returns_stdout` and the hidden `hidden::run_helper::exit_code` belong
/// to exercise `run_helper`.
pub fn exercise_of(test: &str) -> &str {
    let test = test.strip_prefix("hidden::").unwrap_or(test);
    test.split("::").next().unwrap_or(test)
}

/// A lesson that does not compile: the exercise whose file has the error gets the
/// error; the others are not graded. An error outside exercise files (the generated
/// `lib.rs`, a helper binary) is every exercise's error.
fn compile_status(
    course: &Course,
    exercise: &Exercise,
    errors: &[CompileError],
) -> (Status, String, Option<usize>) {
    let own_files = [
        course.relative(&exercise.src_file()),
        course.relative(&exercise.test_file()),
    ];
    let exercise_files: Vec<String> = exercise
        .lesson
        .exercises()
        .flat_map(|e| {
            [
                course.relative(&e.src_file()),
                course.relative(&e.test_file()),
            ]
        })
        .collect();
    let in_own: Vec<&CompileError> = errors
        .iter()
        .filter(|e| e.file.as_ref().is_some_and(|f| own_files.contains(f)))
        .collect();
    let elsewhere: Vec<&str> = errors
        .iter()
        .filter(|e| !e.file.as_ref().is_some_and(|f| exercise_files.contains(f)))
        .map(|e| e.rendered.as_str())
        .collect();
    if !in_own.is_empty() {
        let rendered: Vec<&str> = in_own.iter().map(|e| e.rendered.as_str()).collect();
        // The line to open is in the file the student edits, not in the tests.
        let line = in_own
            .iter()
            .find(|e| e.file.as_ref() == Some(&own_files[0]))
            .and_then(|e| e.line);
        (Status::CompileError, rendered.join("\n"), line)
    } else if !elsewhere.is_empty() {
        (Status::CompileError, elsewhere.join("\n"), None)
    } else {
        let culprits: Vec<&str> = errors.iter().filter_map(|e| e.file.as_deref()).collect();
        let mut culprits = culprits;
        culprits.dedup();
        (
            Status::NotGraded,
            format!(
                "not graded: lesson {} does not compile because of {}",
                exercise.lesson.id,
                culprits.join(", ")
            ),
            None,
        )
    }
}

/// The line of the exercise file to open for a failing exercise: where a test panicked
/// inside it; else its first `todo!`; else the definition of what the first failing test
/// calls from it (a test that panics in `tests/` points here, not at line 1); else its
/// first public item.
fn line_to_open(exercise: &Exercise, file: &str, tests: &[TestReport]) -> Option<usize> {
    let at_file = format!("{file}:");
    let panicked_at = tests
        .iter()
        .flat_map(|t| &t.messages)
        .flat_map(|m| m.split(" panicked at ").skip(1))
        .find_map(|rest| {
            // Panic locations use the platform's separator; `file` uses `/`.
            let rest = rest.replace('\\', "/");
            rest.strip_prefix(&at_file)?.split(':').next()?.parse().ok()
        });
    if panicked_at.is_some() {
        return panicked_at;
    }
    let text = std::fs::read_to_string(exercise.src_file()).ok()?;
    if let Some(index) = text.lines().position(|l| l.contains("todo!(")) {
        return Some(index + 1);
    }
    let items = public_items(&text);
    let called = tests
        .iter()
        .find(|t| t.status.is_failure())
        .and_then(|t| test_body(exercise, &t.name))
        .and_then(|body| {
            items
                .iter()
                .filter_map(|(name, line)| Some((first_use(&body, name)?, *line)))
                .min()
        })
        .map(|(_, line)| line);
    called.or_else(|| items.first().map(|(_, line)| *line))
}

/// The names of the public functions and types of an exercise file, with their lines.
fn public_items(text: &str) -> Vec<(String, usize)> {
    const KINDS: [&str; 5] = ["fn ", "async fn ", "struct ", "enum ", "trait "];
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let rest = line.trim_start().strip_prefix("pub ")?;
            let rest = KINDS.iter().find_map(|kind| rest.strip_prefix(kind))?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some((name, index + 1))
        })
        .collect()
}

/// The text of test `name`'s function, after its name, to the next item of its file.
fn test_body(exercise: &Exercise, name: &str) -> Option<String> {
    let file = if is_hidden(name) {
        exercise.hidden_test_file()
    } else {
        exercise.test_file()
    };
    let text = std::fs::read_to_string(file).ok()?;
    let signature = signature_of(name);
    let start = text.find(&signature)? + signature.len();
    let rest = &text[start..];
    let end = rest
        .find("\n#[")
        .or_else(|| rest.find("\nfn "))
        .unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// Where `name` first appears in `text` as a whole word.
fn first_use(text: &str, name: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).map(|(at, _)| at).find(|&at| {
        !text[..at].chars().next_back().is_some_and(is_word)
            && !text[at + name.len()..].chars().next().is_some_and(is_word)
    })
}

/// How long listing a test binary's tests may take: no test runs, only what runs before
/// `main` (nothing, in safe Rust) and the harness's listing.
const LIST_TIMEOUT: Duration = Duration::from_secs(30);

/// The tests of a test binary, minus the `#[ignore]`d ones.
fn list_tests(exe: &Path, cwd: &Path, sandbox: Option<&Sandbox>) -> Result<Vec<String>, Error> {
    let list = |ignored: bool| -> Result<Vec<String>, Error> {
        let mut command = match sandbox {
            Some(sandbox) => sandbox.command(exe, cwd, Step::TEST),
            None => std::process::Command::new(exe),
        };
        command
            .current_dir(cwd)
            .args(["--list", "--format", "terse"]);
        if ignored {
            command.arg("--ignored");
        }
        let output = process::output_within(&mut command, LIST_TIMEOUT)
            .map_err(|e| Error::config(format!("cannot list the tests of {}: {e}", exe.display())))?
            .ok_or_else(|| {
                Error::config(format!(
                    "listing the tests of {} took longer than {} s: it was stopped",
                    exe.display(),
                    LIST_TIMEOUT.as_secs()
                ))
            })?;
        let text = String::from_utf8_lossy(&output.stdout);
        Ok(text
            .lines()
            .filter_map(|line| line.strip_suffix(": test"))
            .map(str::to_string)
            .collect())
    };
    let ignored = list(true)?;
    Ok(list(false)?
        .into_iter()
        .filter(|t| !ignored.contains(t))
        .collect())
}

/// Runs the jobs (cached results aside) on as many workers as there are cores.
fn run_all(jobs: &[TestJob], caches: &HashMap<PathBuf, ResultCache>) -> Vec<TestOutcome> {
    let cached = |job: &TestJob| caches.get(&job.exe).and_then(|cache| cache.get(job));
    let slots: Vec<Mutex<Option<TestOutcome>>> =
        jobs.iter().map(|job| Mutex::new(cached(job))).collect();
    let pending: Vec<usize> = (0..jobs.len())
        .filter(|&i| slots[i].lock().unwrap().is_none())
        .collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pending.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(&index) = pending.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if process::interrupted() {
                        break;
                    }
                    let outcome = runner::run(&jobs[index]);
                    *slots[index].lock().unwrap() = Some(outcome);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().unwrap().unwrap_or(TestOutcome {
                status: Status::TimedOut,
                messages: Vec::new(),
                notes: vec!["interrupted (Ctrl-C)".into()],
            })
        })
        .collect()
}

/// Results of the last run of a test binary, kept beside it: valid while none of the
/// lesson's artifacts changed. Timeouts are not kept: they may come from a busy machine.
struct ResultCache {
    path: Option<PathBuf>,
    stored: CacheFile,
    /// Whether `stored` changed since it was read: only then is it written back.
    changed: bool,
}

#[derive(Default)]
struct CacheFile {
    fingerprint: u64,
    /// The binary's tests, so that an unchanged binary is not asked again.
    tests: Option<Vec<String>>,
    /// Test name to (its timeout in seconds, its outcome).
    results: HashMap<String, (u64, TestOutcome)>,
}

impl Serialize for CacheFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut cache = serializer.serialize_struct("CacheFile", 3)?;
        cache.serialize_field("fingerprint", &self.fingerprint)?;
        cache.serialize_field("tests", &self.tests)?;
        cache.serialize_field("results", &self.results)?;
        cache.end()
    }
}

impl<'de> Deserialize<'de> for CacheFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CacheFile, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(CacheFile {
            fingerprint: fields.required("fingerprint")?,
            tests: fields.optional("tests")?,
            results: fields.required("results")?,
        })
    }
}

impl ResultCache {
    fn open(exe: &Path, fingerprint: u64, enabled: bool) -> ResultCache {
        let path = exe.with_extension("results.json");
        let stored = enabled
            .then(|| std::fs::read(&path).ok())
            .flatten()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.fingerprint == fingerprint)
            .unwrap_or(CacheFile {
                fingerprint,
                ..CacheFile::default()
            });
        ResultCache {
            path: enabled.then_some(path),
            stored,
            changed: false,
        }
    }

    /// The tests of the binary, listed once per build of it.
    fn tests(
        &mut self,
        exe: &Path,
        cwd: &Path,
        sandbox: Option<&Sandbox>,
    ) -> Result<&[String], Error> {
        if self.stored.tests.is_none() {
            self.stored.tests = Some(list_tests(exe, cwd, sandbox)?);
            self.changed = true;
        }
        Ok(self.stored.tests.as_deref().unwrap_or_default())
    }

    fn get(&self, job: &TestJob) -> Option<TestOutcome> {
        self.path.as_ref()?;
        let (timeout, outcome) = self.stored.results.get(&job.name)?;
        (*timeout == job.timeout.as_secs()).then(|| outcome.clone())
    }

    fn record(&mut self, job: &TestJob, outcome: &TestOutcome) {
        if self.get(job).is_some() {
            return; // it came from here
        }
        self.changed = true;
        if outcome.status == Status::TimedOut {
            self.stored.results.remove(&job.name);
        } else {
            self.stored
                .results
                .insert(job.name.clone(), (job.timeout.as_secs(), outcome.clone()));
        }
    }

    fn save(&self) {
        if let (Some(path), true) = (&self.path, self.changed) {
            // A cache is only an optimization: failing to write it is not an error.
            let _ = crate::state::write_atomically(
                path,
                &serde_json::to_vec(&self.stored).unwrap_or_default(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_cache_keeps_its_bytes_and_reads_back() {
        let outcome = TestOutcome {
            status: Status::Failed,
            messages: vec!["thread 'e::t' panicked at tests/e.rs:1:1:\nno".into()],
            notes: vec!["it left processes behind".into()],
        };
        let cache = CacheFile {
            fingerprint: 42,
            tests: Some(vec!["e::t".into()]),
            results: HashMap::from([("e::t".to_string(), (10, outcome))]),
        };
        let bytes = serde_json::to_vec(&cache).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            r#"{"fingerprint":42,"tests":["e::t"],"results":{"e::t":[10,{"status":"failed","messages":["thread 'e::t' panicked at tests/e.rs:1:1:\nno"],"notes":["it left processes behind"]}]}}"#
        );
        let read: CacheFile = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(serde_json::to_vec(&read).unwrap(), bytes);
        let (timeout, outcome) = &read.results["e::t"];
        assert_eq!((*timeout, outcome.status), (10, Status::Failed));

        let fresh: CacheFile =
            serde_json::from_str(r#"{"fingerprint": 1, "tests": null, "results": {}}"#).unwrap();
        assert!(fresh.tests.is_none() && fresh.results.is_empty());
    }
}
