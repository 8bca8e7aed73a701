//! The grade of a run: what `check --format json` prints (a public interface, see the
//! README) and what the human output is rendered from.

use crate::lock::Tampered;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

#[derive(Serialize, Deserialize)]
pub struct Report {
    pub summary: Summary,
    pub exercises: Vec<ExerciseReport>,
    /// Whether the files grading depends on are as published (`check --ci` in a
    /// student edition, and `grade`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<Integrity>,
}

#[derive(Clone, Serialize, Deserialize)]
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

/// The solved exercises of one lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonScore {
    pub lesson: String,
    pub passed: usize,
    pub total: usize,
}

#[derive(Serialize, Deserialize)]
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

#[derive(Serialize, Deserialize)]
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

#[derive(Serialize, Deserialize)]
pub struct TestReport {
    pub name: String,
    pub status: Status,
    pub message: Option<String>,
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

    #[test]
    fn statuses_serialize_to_the_documented_words() {
        let all = [
            Passed,
            Failed,
            NotStarted,
            TimedOut,
            Crashed,
            CompileError,
            NotGraded,
        ];
        let words: Vec<String> = all
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
    }
}
