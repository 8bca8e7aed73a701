//! The grade of a run: what `check --format json` prints (a public interface, see the
//! README) and what the human output is rendered from.

use crate::fields::Fields;
use serde_core::de::{Deserialize, Deserializer, Error as _};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Passed,
    Failed,
    /// The starter's `todo!()` was hit.
    NotStarted,
    TimedOut,
    /// Killed by a signal, aborted, overflowed its stack, or exited before its result.
    Crashed,
    CompileError,
    /// The lesson does not compile because of another exercise.
    NotGraded,
}

impl Status {
    /// Every status, in the order of the JSON report's `summary`.
    pub const ALL: [Status; 7] = [
        Status::Passed,
        Status::Failed,
        Status::NotStarted,
        Status::TimedOut,
        Status::Crashed,
        Status::CompileError,
        Status::NotGraded,
    ];

    /// The status as the JSON report and the known-wrong corpus spell it: `timed_out`.
    pub fn word(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::NotStarted => "not_started",
            Status::TimedOut => "timed_out",
            Status::Crashed => "crashed",
            Status::CompileError => "compile_error",
            Status::NotGraded => "not_graded",
        }
    }

    /// Whether the exercise was tried and is wrong: what CI annotates as an error.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Status::Failed | Status::TimedOut | Status::Crashed | Status::CompileError
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::NotStarted => "not started",
            Status::TimedOut => "timed out",
            Status::Crashed => "crashed",
            Status::CompileError => "compile error",
            Status::NotGraded => "not graded",
        }
    }

    /// The status of an exercise from those of its tests: the worst one wins, except
    /// that `todo!()` hit next to passing tests is work in progress, not "not started".
    pub fn of_exercise(tests: impl IntoIterator<Item = Status>) -> Status {
        let statuses: Vec<Status> = tests.into_iter().collect();
        let worst = [
            Status::Crashed,
            Status::TimedOut,
            Status::Failed,
            Status::NotStarted,
        ]
        .into_iter()
        .find(|s| statuses.contains(s));
        match worst {
            None if statuses.is_empty() => Status::Failed,
            None => Status::Passed,
            Some(Status::NotStarted) if statuses.contains(&Status::Passed) => Status::Failed,
            Some(status) => status,
        }
    }
}

/// The status a [`Status::word`] spells; an error lists the words.
impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(word: &str) -> Result<Status, String> {
        Status::ALL
            .into_iter()
            .find(|status| status.word() == word)
            .ok_or_else(|| {
                let words = Status::ALL.map(Status::word).join(", ");
                format!("unknown status `{word}`, expected one of {words}")
            })
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Status, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(D::Error::custom)
    }
}

pub struct Report {
    pub summary: Summary,
    pub exercises: Vec<ExerciseReport>,
    /// Whether the files grading depends on are as published (`check --ci` in a
    /// student edition, and `grade`).
    pub integrity: Option<Integrity>,
}

#[derive(Clone)]
pub struct Integrity {
    /// No protected file differs from the lock file: the score can be trusted.
    pub trusted: bool,
    pub tampered: Vec<Tampered>,
}

impl Integrity {
    pub fn of(tampered: Vec<Tampered>) -> Integrity {
        Integrity {
            trusted: tampered.is_empty(),
            tampered,
        }
    }
}

/// A file that differs from the lock file of the edition (see `lock`).
#[derive(Debug, Clone, PartialEq)]
pub struct Tampered {
    pub path: String,
    pub change: Change,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    Modified,
    Deleted,
    /// A new file where it can change how the course builds or is graded.
    Added,
}

impl Change {
    const ALL: [Change; 3] = [Change::Modified, Change::Deleted, Change::Added];

    /// The change as reports spell it.
    pub fn word(self) -> &'static str {
        match self {
            Change::Modified => "modified",
            Change::Deleted => "deleted",
            Change::Added => "added",
        }
    }
}

impl std::fmt::Display for Tampered {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.change.word(), self.path)
    }
}

/// The solved exercises of one lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonScore {
    pub lesson: String,
    pub passed: usize,
    pub total: usize,
}

pub struct Summary {
    pub total: usize,
    pub passed: usize,
    pub failed: usize,
    pub not_started: usize,
    pub timed_out: usize,
    pub crashed: usize,
    pub compile_error: usize,
    pub not_graded: usize,
}

pub struct ExerciseReport {
    /// The lesson directory, `01-processes`.
    pub lesson: String,
    pub exercise: String,
    pub title: String,
    /// The file the student edits, relative to the course root, `/`-separated.
    pub file: String,
    /// The line of `file` to open: a compile error, where a test panicked in the
    /// file, or the first `todo!`. `null` once the exercise passes.
    pub line: Option<usize>,
    pub status: Status,
    /// For `compile_error`, rustc's rendered errors; for `not_graded`, why.
    pub message: Option<String>,
    pub tests: Vec<TestReport>,
}

/// One test's result. In JSON its messages and notes are one `message`.
#[derive(Clone)]
pub struct TestReport {
    pub name: String,
    pub status: Status,
    /// What the test itself tells: why its process aborted, then its panic messages.
    pub messages: Vec<String>,
    /// What the runner saw: a timeout, a crash, an early exit, processes left behind.
    pub notes: Vec<String>,
}

impl TestReport {
    /// Everything said about the test, its own messages first.
    pub fn message(&self) -> Option<String> {
        let all: Vec<&str> = self
            .messages
            .iter()
            .chain(&self.notes)
            .map(String::as_str)
            .collect();
        (!all.is_empty()).then(|| all.join("\n\n"))
    }
}

/// One thing a student is told about an exercise, and the tests that said it.
pub struct Finding<'r> {
    pub text: &'r str,
    /// The failing tests that gave this text, the first one first; none for what the
    /// exercise itself says (a compile error, why it was not graded).
    pub tests: Vec<&'r TestReport>,
}

impl std::fmt::Display for Finding<'_> {
    /// `test NAME: TEXT`, the form for one-line contexts (CI annotations, gradebooks).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.tests.first() {
            Some(test) => write!(f, "test {}: {}", test.name, self.text),
            None => f.write_str(self.text),
        }
    }
}

impl ExerciseReport {
    /// What a student is told about this exercise, the most specific first, each text
    /// once: rustc's errors (or why the exercise was not graded); then, test by test in
    /// the order the tests are written, what each failing test itself said; then what
    /// the runner saw (timeouts, crashes, processes left behind). Empty once it passes.
    pub fn findings(&self) -> Vec<Finding<'_>> {
        if let Some(message) = &self.message {
            return vec![Finding {
                text: message,
                tests: Vec::new(),
            }];
        }
        let failing: Vec<&TestReport> = self
            .tests
            .iter()
            .filter(|t| t.status != Status::Passed)
            .collect();
        let mut findings: Vec<Finding> = Vec::new();
        let own = failing
            .iter()
            .flat_map(|test| test.messages.iter().map(move |text| (*test, text)));
        let runner = failing
            .iter()
            .flat_map(|test| test.notes.iter().map(move |text| (*test, text)));
        for (test, text) in own.chain(runner) {
            match findings.iter_mut().find(|f| same_text(f.text, text)) {
                Some(finding) => {
                    if !finding.tests.iter().any(|t| t.name == test.name) {
                        finding.tests.push(test);
                    }
                }
                None => findings.push(Finding {
                    text,
                    tests: vec![test],
                }),
            }
        }
        findings
    }

    /// The first thing a student reads about this exercise.
    pub fn diagnosis(&self) -> Option<String> {
        self.findings().first().map(Finding::to_string)
    }
}

/// Whether two messages say the same: panic messages are compared without their
/// `thread 'NAME' panicked at FILE:LINE:COL:` line, which differs from test to test.
fn same_text(a: &str, b: &str) -> bool {
    fn body(text: &str) -> &str {
        match text.split_once('\n') {
            Some((first, rest))
                if first.starts_with("thread '") && first.contains(" panicked at ") =>
            {
                rest
            }
            _ => text,
        }
    }
    body(a) == body(b)
}

impl ExerciseReport {
    /// The first failing test and where it panicked, when that is not in the exercise
    /// file (an assertion in the test itself): named beside the line to open.
    pub fn failing_test_location(&self) -> Option<(&str, &str)> {
        let test = self.tests.iter().find(|t| t.status.is_failure())?;
        let location = test.messages.iter().find_map(|m| {
            let (_, rest) = m.split_once(" panicked at ")?;
            Some(rest.split_once(":\n").map_or(rest, |(at, _)| at))
        })?;
        let in_exercise = location
            .replace('\\', "/")
            .starts_with(&format!("{}:", self.file));
        (!in_exercise).then_some((test.name.as_str(), location))
    }
}

impl Report {
    pub fn new(exercises: Vec<ExerciseReport>) -> Report {
        let count = |status| exercises.iter().filter(|e| e.status == status).count();
        let summary = Summary {
            total: exercises.len(),
            passed: count(Status::Passed),
            failed: count(Status::Failed),
            not_started: count(Status::NotStarted),
            timed_out: count(Status::TimedOut),
            crashed: count(Status::Crashed),
            compile_error: count(Status::CompileError),
            not_graded: count(Status::NotGraded),
        };
        Report {
            summary,
            exercises,
            integrity: None,
        }
    }

    /// Solved exercises per lesson, in course order.
    pub fn lesson_scores(&self) -> Vec<LessonScore> {
        let mut scores: Vec<LessonScore> = Vec::new();
        for exercise in &self.exercises {
            if scores.last().is_none_or(|s| s.lesson != exercise.lesson) {
                scores.push(LessonScore {
                    lesson: exercise.lesson.clone(),
                    passed: 0,
                    total: 0,
                });
            }
            let score = scores.last_mut().expect("pushed above");
            score.total += 1;
            score.passed += usize::from(exercise.status == Status::Passed);
        }
        scores
    }

    pub fn trusted(&self) -> bool {
        self.integrity.as_ref().is_none_or(|i| i.trusted)
    }

    /// The public JSON document (see the README).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serializes")
    }

    pub fn all_passed(&self) -> bool {
        self.summary.passed == self.summary.total
    }
}

// The JSON report, field by field in the documented order (see the README).

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut report = serializer.serialize_struct("Report", 3)?;
        report.serialize_field("summary", &self.summary)?;
        report.serialize_field("exercises", &self.exercises)?;
        // Only `check --ci` and `grade` check integrity: elsewhere the field is absent.
        if let Some(integrity) = &self.integrity {
            report.serialize_field("integrity", integrity)?;
        }
        report.end()
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut summary = serializer.serialize_struct("Summary", 8)?;
        summary.serialize_field("total", &self.total)?;
        summary.serialize_field("passed", &self.passed)?;
        summary.serialize_field("failed", &self.failed)?;
        summary.serialize_field("not_started", &self.not_started)?;
        summary.serialize_field("timed_out", &self.timed_out)?;
        summary.serialize_field("crashed", &self.crashed)?;
        summary.serialize_field("compile_error", &self.compile_error)?;
        summary.serialize_field("not_graded", &self.not_graded)?;
        summary.end()
    }
}

impl Serialize for ExerciseReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut exercise = serializer.serialize_struct("ExerciseReport", 8)?;
        exercise.serialize_field("lesson", &self.lesson)?;
        exercise.serialize_field("exercise", &self.exercise)?;
        exercise.serialize_field("title", &self.title)?;
        exercise.serialize_field("file", &self.file)?;
        exercise.serialize_field("line", &self.line)?;
        exercise.serialize_field("status", &self.status)?;
        exercise.serialize_field("message", &self.message)?;
        exercise.serialize_field("tests", &self.tests)?;
        exercise.end()
    }
}

impl Serialize for TestReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut test = serializer.serialize_struct("TestReport", 3)?;
        test.serialize_field("name", &self.name)?;
        test.serialize_field("status", &self.status)?;
        test.serialize_field("message", &self.message())?;
        test.end()
    }
}

impl Serialize for Integrity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut integrity = serializer.serialize_struct("Integrity", 2)?;
        integrity.serialize_field("trusted", &self.trusted)?;
        integrity.serialize_field("tampered", &self.tampered)?;
        integrity.end()
    }
}

impl Serialize for Tampered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tampered = serializer.serialize_struct("Tampered", 2)?;
        tampered.serialize_field("path", &self.path)?;
        tampered.serialize_field("change", &self.change)?;
        tampered.end()
    }
}

impl<'de> Deserialize<'de> for Tampered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tampered, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Tampered {
            path: fields.required("path")?,
            change: fields.required("change")?,
        })
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Change, D::Error> {
        let word = String::deserialize(deserializer)?;
        Change::ALL
            .into_iter()
            .find(|change| change.word() == word)
            .ok_or_else(|| {
                let words = Change::ALL.map(Change::word).join(", ");
                D::Error::custom(format!("unknown change `{word}`, expected one of {words}"))
            })
    }
}

impl Serialize for LessonScore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut score = serializer.serialize_struct("LessonScore", 3)?;
        score.serialize_field("lesson", &self.lesson)?;
        score.serialize_field("passed", &self.passed)?;
        score.serialize_field("total", &self.total)?;
        score.end()
    }
}

/// Read back from gradebooks, which list each student's scores.
impl<'de> Deserialize<'de> for LessonScore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LessonScore, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(LessonScore {
            lesson: fields.required("lesson")?,
            passed: fields.required("passed")?,
            total: fields.required("total")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn the_worst_test_decides() {
        assert_eq!(Status::of_exercise([Passed, Passed]), Passed);
        assert_eq!(Status::of_exercise([NotStarted, NotStarted]), NotStarted);
        assert_eq!(Status::of_exercise([Passed, NotStarted]), Failed);
        assert_eq!(
            Status::of_exercise([Failed, TimedOut, NotStarted]),
            TimedOut
        );
        assert_eq!(Status::of_exercise([Passed, Crashed]), Crashed);
        assert_eq!(Status::of_exercise([]), Failed);
    }

    fn test(name: &str, status: Status, messages: &[&str], notes: &[&str]) -> TestReport {
        TestReport {
            name: name.into(),
            status,
            messages: messages.iter().map(|m| m.to_string()).collect(),
            notes: notes.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn findings_put_the_tests_own_words_first_and_say_each_once() {
        let exercise = ExerciseReport {
            lesson: "01-x".into(),
            exercise: "e".into(),
            title: "E".into(),
            file: "lessons/01-x/src/e.rs".into(),
            line: None,
            status: Failed,
            message: None,
            tests: vec![
                test("e::first", TimedOut, &[], &["did not finish"]),
                test("e::second", Passed, &[], &[]),
                test(
                    "e::third",
                    Failed,
                    &["thread 'e::third' panicked at t.rs:1:1:\nthe lock is held"],
                    &["left processes behind"],
                ),
                test(
                    "e::fourth",
                    Failed,
                    &["thread 'e::fourth' panicked at t.rs:9:1:\nthe lock is held"],
                    &[],
                ),
            ],
        };
        let findings: Vec<(String, Vec<&str>)> = exercise
            .findings()
            .iter()
            .map(|f| {
                let body = f.text.rsplit('\n').next().unwrap_or_default().to_string();
                (body, f.tests.iter().map(|t| t.name.as_str()).collect())
            })
            .collect();
        assert_eq!(
            findings,
            [
                (
                    "the lock is held".to_string(),
                    vec!["e::third", "e::fourth"]
                ),
                ("did not finish".to_string(), vec!["e::first"]),
                ("left processes behind".to_string(), vec!["e::third"]),
            ]
        );
        assert!(
            exercise
                .diagnosis()
                .is_some_and(|d| d.starts_with("test e::third: thread 'e::third' panicked"))
        );
    }

    #[test]
    fn statuses_serialize_to_the_documented_words() {
        let words: Vec<String> = Status::ALL
            .iter()
            .map(|s| serde_json::to_string(s).unwrap())
            .collect();
        assert_eq!(
            words,
            [
                "\"passed\"",
                "\"failed\"",
                "\"not_started\"",
                "\"timed_out\"",
                "\"crashed\"",
                "\"compile_error\"",
                "\"not_graded\""
            ]
        );
        for status in Status::ALL {
            assert_eq!(status.word().parse(), Ok(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
        }
        assert_eq!(
            "passing".parse::<Status>(),
            Err("unknown status `passing`, expected one of passed, failed, not_started, timed_out, crashed, compile_error, not_graded".into())
        );
    }

    #[test]
    fn the_json_report_keeps_its_documented_bytes() {
        let mut report = Report::new(vec![
            ExerciseReport {
                lesson: "01-x".into(),
                exercise: "e".into(),
                title: "E".into(),
                file: "lessons/01-x/src/e.rs".into(),
                line: Some(7),
                status: Failed,
                message: None,
                tests: vec![
                    test("e::first", Passed, &[], &[]),
                    test("e::second", Failed, &["it failed"], &["it left processes"]),
                ],
            },
            ExerciseReport {
                lesson: "01-x".into(),
                exercise: "f".into(),
                title: "F \"quoted\"".into(),
                file: "lessons/01-x/src/f.rs".into(),
                line: None,
                status: CompileError,
                message: Some("error[E0425]: cannot find value".into()),
                tests: Vec::new(),
            },
        ]);
        let plain = report.to_json();
        assert!(!plain.contains("integrity"), "{plain}");
        report.integrity = Some(Integrity::of(vec![Tampered {
            path: "Cargo.toml".into(),
            change: Change::Modified,
        }]));
        assert_eq!(
            report.to_json(),
            r#"{
  "summary": {
    "total": 2,
    "passed": 0,
    "failed": 1,
    "not_started": 0,
    "timed_out": 0,
    "crashed": 0,
    "compile_error": 1,
    "not_graded": 0
  },
  "exercises": [
    {
      "lesson": "01-x",
      "exercise": "e",
      "title": "E",
      "file": "lessons/01-x/src/e.rs",
      "line": 7,
      "status": "failed",
      "message": null,
      "tests": [
        {
          "name": "e::first",
          "status": "passed",
          "message": null
        },
        {
          "name": "e::second",
          "status": "failed",
          "message": "it failed\n\nit left processes"
        }
      ]
    },
    {
      "lesson": "01-x",
      "exercise": "f",
      "title": "F \"quoted\"",
      "file": "lessons/01-x/src/f.rs",
      "line": null,
      "status": "compile_error",
      "message": "error[E0425]: cannot find value",
      "tests": []
    }
  ],
  "integrity": {
    "trusted": false,
    "tampered": [
      {
        "path": "Cargo.toml",
        "change": "modified"
      }
    ]
  }
}"#
        );
    }
}
