//! Building lesson tests with cargo, read through its JSON messages.

use crate::course::{Course, Lesson};
use crate::error::Error;
use crate::fields::Fields;
use crate::sandbox::{Sandbox, Step};
use serde_core::de::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How to build lesson tests: what a grading's options (`grade::Options`) say about the
/// build.
pub struct Build<'a> {
    /// The reference solutions (the lessons' `solutions` feature) instead of `src/`.
    pub solutions: bool,
    /// Ask rustc for colored diagnostics.
    pub color: bool,
    /// Where cargo builds: the workspace's own `target/` when `None`.
    pub target_dir: Option<&'a Path>,
    /// Keep cargo's progress lines to itself (graders running side by side).
    pub quiet: bool,
    /// Build in this sandbox (class grading of untrusted code).
    pub sandbox: Option<&'a Sandbox>,
    /// Stop a build that takes longer (a const evaluation or a build that never ends).
    pub timeout: Option<Duration>,
}

/// What building one lesson produced.
pub enum LessonBuild {
    Built {
        /// The lesson's one test binary.
        test_exe: PathBuf,
        /// Changes whenever any artifact of the lesson is rebuilt.
        fingerprint: u64,
    },
    Failed {
        errors: Vec<CompileError>,
    },
}

pub struct CompileError {
    /// The primary span's file, relative to the course root.
    pub file: Option<String>,
    /// The primary span's line.
    pub line: Option<usize>,
    /// rustc's rendered message.
    pub rendered: String,
}

/// The cargo the runner was started by (so `cargo +nightly xtask` stays on nightly).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the test binaries of `lessons` (starters, or solutions with `solutions`),
/// keeping going past a lesson that does not compile.
pub fn build_tests(
    course: &Course,
    lessons: &[&Lesson],
    options: &Build,
) -> Result<HashMap<String, LessonBuild>, Error> {
    let mut failed = HashMap::new();
    if options.sandbox.is_some_and(Sandbox::hides_anything) {
        // Student code is compiled first with what the sandbox hides (hidden tests) out of
        // sight, so that no `include_str!` can read it; the test build then finds the
        // libraries fresh and does not compile them again.
        failed = build(course, lessons, options, Targets::Libraries)?;
    }
    let rest: Vec<&Lesson> = lessons
        .iter()
        .copied()
        .filter(|lesson| !failed.contains_key(&lesson.id))
        .collect();
    let mut builds = if rest.is_empty() {
        HashMap::new()
    } else {
        build(course, &rest, options, Targets::Tests)?
    };
    builds.extend(failed);
    Ok(builds)
}

/// What one cargo build makes of each lesson.
#[derive(Clone, Copy, PartialEq)]
enum Targets {
    /// The library alone: only its failures are reported.
    Libraries,
    /// The test binary, and the library it tests.
    Tests,
}

fn build(
    course: &Course,
    lessons: &[&Lesson],
    options: &Build,
    targets: Targets,
) -> Result<HashMap<String, LessonBuild>, Error> {
    let (step, target_args): (Step, &[&str]) = match targets {
        Targets::Libraries => (Step::BUILD_LIBRARY, &["--lib"]),
        Targets::Tests => (Step::BUILD, &["--test", "exercises"]),
    };
    let mut command = match options.sandbox {
        Some(sandbox) => {
            let mut command = sandbox.command(sandbox.cargo(), &course.root, step);
            // The sandbox sees no network and may not change the grading copy's lock file.
            command.args(["--locked", "--offline"]);
            command
        }
        None => cargo(),
    };
    if let Some(target_dir) = options.target_dir {
        command.env("CARGO_TARGET_DIR", target_dir);
    }
    command
        .current_dir(&course.root)
        // `build --test exercises` builds what `test --no-run` would for the one test
        // target, and unlike it can keep going past a lesson that does not compile.
        .arg("build")
        .args(target_args)
        .args([
            "--keep-going",
            // Its stderr is read here: plain, whatever `CARGO_TERM_COLOR` says; the
            // progress lines shown are coloured again by `style`.
            "--color=never",
            "--message-format",
        ])
        .arg(if options.color {
            "json-diagnostic-rendered-ansi"
        } else {
            "json"
        })
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for lesson in lessons {
        command.args(["--package", &lesson.package()]);
        if options.solutions {
            command.args(["--features", &format!("{}/solutions", lesson.package())]);
        }
    }
    let mut child = command.spawn().map_err(|e| {
        Error::config(format!("cannot run cargo: {e}"))
            .help("is the Rust toolchain installed and on PATH?")
    })?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    // Waits for cargo, and stops it when the build takes longer than allowed.
    let (finished, wait_for_end) = mpsc::channel::<()>();
    let build_timeout = options.timeout;
    let waiter = std::thread::spawn(move || {
        let timed_out = build_timeout.is_some_and(|limit| {
            matches!(
                wait_for_end.recv_timeout(limit),
                Err(RecvTimeoutError::Timeout)
            )
        });
        if timed_out {
            let _ = child.kill();
        }
        (child.wait(), timed_out)
    });

    // Cargo's own progress goes to stderr: show what tells of progress, keep the rest
    // in case the build fails for a reason rustc did not report.
    let quiet = options.quiet;
    let progress = std::thread::spawn(move || {
        let mut kept = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let trimmed = line.trim_start();
            let (verb, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
            if matches!(
                verb,
                "Compiling"
                    | "Downloading"
                    | "Downloaded"
                    | "Updating"
                    | "Locking"
                    | "Adding"
                    | "Blocking"
            ) {
                if !quiet {
                    crate::style::status(verb, rest);
                }
            } else if !matches!(verb, "Finished" | "Executable" | "Running") {
                kept.push_str(&line);
                kept.push('\n');
            }
        }
        kept
    });

    let by_manifest: HashMap<PathBuf, &Lesson> = lessons
        .iter()
        .map(|lesson| (normalize(&lesson.dir.join("Cargo.toml")), *lesson))
        .collect();
    let mut errors: HashMap<String, Vec<CompileError>> = HashMap::new();
    // Errors in crates that are not lessons (the `shared` test helpers, say).
    let mut other_errors = String::new();
    let mut artifacts: HashMap<String, (Option<PathBuf>, DefaultHasher)> = HashMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| Error::config(format!("cannot read cargo's output: {e}")))?;
        let Ok(message) = serde_json::from_str::<Message>(&line) else {
            continue;
        };
        let lesson = message
            .manifest_path
            .as_deref()
            .and_then(|p| by_manifest.get(&normalize(p)));
        let Some(lesson) = lesson else {
            if let Some(rendered) = message
                .message
                .filter(|d| d.level.starts_with("error"))
                .and_then(|d| d.rendered)
            {
                other_errors.push_str(&rendered);
            }
            continue;
        };
        match message.reason.as_str() {
            "compiler-artifact" => {
                let (test_exe, hasher) = artifacts.entry(lesson.id.clone()).or_default();
                for file in message.filenames.iter().chain(&message.executable) {
                    file.hash(hasher);
                    if let Ok(meta) = std::fs::metadata(file) {
                        meta.len().hash(hasher);
                        meta.modified().ok().hash(hasher);
                    }
                }
                if message
                    .target
                    .as_ref()
                    .is_some_and(|t| t.kind.iter().any(|k| k == "test") && t.name == "exercises")
                {
                    *test_exe = message.executable;
                }
            }
            "compiler-message" => {
                let Some(diagnostic) = message.message.filter(|d| d.level.starts_with("error"))
                else {
                    continue;
                };
                if diagnostic.spans.is_empty() && diagnostic.message.starts_with("aborting due to")
                {
                    continue;
                }
                let primary = diagnostic
                    .spans
                    .iter()
                    .find(|span| span.is_primary)
                    .map(|span| span.in_source(&course.root));
                let file = primary.map(|span| course.relative(&course.root.join(&span.file_name)));
                let line = primary.map(|span| span.line_start);
                errors
                    .entry(lesson.id.clone())
                    .or_default()
                    .push(CompileError {
                        file,
                        line,
                        rendered: diagnostic.rendered.unwrap_or(diagnostic.message),
                    });
            }
            _ => {}
        }
    }
    let _ = finished.send(());
    let (status, timed_out) = waiter.join().expect("the waiter does not panic");
    let status = status.map_err(|e| Error::config(format!("cargo did not finish: {e}")))?;
    let cargo_stderr = progress.join().unwrap_or_default();
    if timed_out {
        let limit = build_timeout.unwrap_or_default().as_secs();
        let stopped = || CompileError {
            file: None,
            line: None,
            rendered: format!(
                "the build took longer than {limit} s and was stopped: is there a `const` \
                 evaluation or a macro expansion that never ends?"
            ),
        };
        return Ok(lessons
            .iter()
            .map(|lesson| {
                let errors = vec![stopped()];
                (lesson.id.clone(), LessonBuild::Failed { errors })
            })
            .collect());
    }

    let mut builds = HashMap::new();
    for lesson in lessons {
        let build = match (errors.remove(&lesson.id), artifacts.remove(&lesson.id)) {
            (Some(errors), _) => LessonBuild::Failed { errors },
            // Built, or cargo itself failed: the test build that follows says which.
            (None, _) if targets == Targets::Libraries => continue,
            (None, Some((Some(test_exe), hasher))) => LessonBuild::Built {
                test_exe,
                fingerprint: hasher.finish(),
            },
            (None, _) if status.success() => {
                return Err(Error::config(format!("cargo built no test target `exercises` for {}", lesson.package()))
                    .help(format!("lessons/{}/Cargo.toml needs `[[test]] name = \"exercises\"`, `path = \"tests/main.rs\"`", lesson.id)));
            }
            (None, _) => {
                // Cargo itself failed (a broken Cargo.toml, a dependency that cannot be fetched...).
                return Err(Error::config(format!(
                    "cargo could not build the lessons:\n{other_errors}{}",
                    cargo_stderr.trim_end()
                )));
            }
        };
        builds.insert(lesson.id.clone(), build);
    }
    Ok(builds)
}

/// Compares manifest paths as cargo reports them with ours.
fn normalize(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// What the runner reads of one of cargo's JSON messages (`--message-format json`):
/// built artifacts, and rustc's diagnostics.
struct Message {
    reason: String,
    manifest_path: Option<PathBuf>,
    target: Option<Target>,
    filenames: Vec<PathBuf>,
    executable: Option<PathBuf>,
    message: Option<Diagnostic>,
}

struct Target {
    name: String,
    kind: Vec<String>,
}

struct Diagnostic {
    message: String,
    level: String,
    rendered: Option<String>,
    spans: Vec<Span>,
}

struct Span {
    file_name: String,
    line_start: usize,
    is_primary: bool,
    expansion: Option<Box<Expansion>>,
}

struct Expansion {
    span: Span,
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Message, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Message {
            reason: fields.required("reason")?,
            manifest_path: fields.optional("manifest_path")?,
            target: fields.optional("target")?,
            filenames: fields.or_default("filenames")?,
            executable: fields.optional("executable")?,
            message: fields.optional("message")?,
        })
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Target, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Target {
            name: fields.required("name")?,
            kind: fields.required("kind")?,
        })
    }
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Diagnostic, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Diagnostic {
            message: fields.required("message")?,
            level: fields.required("level")?,
            rendered: fields.optional("rendered")?,
            spans: fields.required("spans")?,
        })
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Span {
            file_name: fields.required("file_name")?,
            line_start: fields.required("line_start")?,
            is_primary: fields.or_default("is_primary")?,
            expansion: fields.optional("expansion")?,
        })
    }
}

impl<'de> Deserialize<'de> for Expansion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Expansion, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Expansion {
            span: fields.required("span")?,
        })
    }
}

impl Span {
    /// An error inside a macro's expansion (`format!`, say) points into the macro's
    /// definition; the student's file is where the macro was called.
    fn in_source(&self, root: &Path) -> &Span {
        let mut span = self;
        while !root.join(&span.file_name).is_file() || span.file_name.starts_with('<') {
            match &span.expansion {
                Some(expansion) => span = &expansion.span,
                None => break,
            }
        }
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargos_messages() {
        let artifact = r#"{"reason":"compiler-artifact","package_id":"p","manifest_path":"/c/lessons/01-x/Cargo.toml","target":{"kind":["test"],"crate_types":["bin"],"name":"exercises","src_path":"/c/lessons/01-x/tests/main.rs","edition":"2024","doctest":false,"test":true},"profile":{"opt_level":"0","debuginfo":0,"debug_assertions":true,"overflow_checks":true,"test":true},"features":[],"filenames":["/c/target/debug/deps/exercises-1"],"executable":"/c/target/debug/deps/exercises-1","fresh":false}"#;
        let message: Message = serde_json::from_str(artifact).unwrap();
        assert_eq!(message.reason, "compiler-artifact");
        assert_eq!(
            message.manifest_path.as_deref(),
            Some(Path::new("/c/lessons/01-x/Cargo.toml"))
        );
        let target = message.target.unwrap();
        assert_eq!(
            (target.name.as_str(), target.kind),
            ("exercises", vec!["test".to_string()])
        );
        assert_eq!(
            message.filenames,
            [PathBuf::from("/c/target/debug/deps/exercises-1")]
        );
        assert!(message.executable.is_some() && message.message.is_none());

        let diagnostic = r#"{"reason":"compiler-message","package_id":"p","manifest_path":"/c/lessons/01-x/Cargo.toml","target":{"kind":["lib"],"name":"x"},"message":{"rendered":"error: oops\n","$message_type":"diagnostic","children":[],"code":null,"level":"error","message":"oops","spans":[{"byte_end":1,"byte_start":0,"column_end":2,"column_start":1,"expansion":{"def_site_span":null,"macro_decl_name":"format!","span":{"byte_end":9,"byte_start":3,"column_end":4,"column_start":1,"expansion":null,"file_name":"src/e.rs","is_primary":false,"label":null,"line_end":5,"line_start":5,"suggested_replacement":null,"suggestion_applicability":null,"text":[]}},"file_name":"<format macros>","is_primary":true,"label":null,"line_end":1,"line_start":1,"suggested_replacement":null,"suggestion_applicability":null,"text":[]}]}}"#;
        let message: Message = serde_json::from_str(diagnostic).unwrap();
        assert!(message.filenames.is_empty() && message.executable.is_none());
        let diagnostic = message.message.unwrap();
        assert_eq!(
            (diagnostic.level.as_str(), diagnostic.message.as_str()),
            ("error", "oops")
        );
        assert_eq!(diagnostic.rendered.as_deref(), Some("error: oops\n"));
        let span = &diagnostic.spans[0];
        assert!(span.is_primary);
        let called = &span.expansion.as_ref().unwrap().span;
        assert_eq!(
            (called.file_name.as_str(), called.line_start),
            ("src/e.rs", 5)
        );
        assert!(!called.is_primary && called.expansion.is_none());

        // A span without `is_primary` is not primary.
        let bare = r#"{"file_name":"src/e.rs","line_start":2,"expansion":null}"#;
        assert!(!serde_json::from_str::<Span>(bare).unwrap().is_primary);
        // Not every line cargo prints is a message the runner reads.
        assert!(
            serde_json::from_str::<Message>(r#"{"reason":"build-finished","success":true}"#)
                .is_ok()
        );
        assert!(serde_json::from_str::<Message>("Compiling x").is_err());
    }
}
