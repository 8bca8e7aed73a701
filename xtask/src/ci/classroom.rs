//! The result GitHub Classroom's autograding reporter reads
//! (`classroom-resources/autograding-grading-reporter`): one entry per exercise, a point
//! each, passed to it base64-encoded as the step output `result`.

use crate::report::{Report, Status};
use base64::Engine;
use serde::Serialize;

#[derive(Serialize)]
pub struct ClassroomResult {
    pub version: u32,
    /// `pass`, `fail`, or `error` when the score is untrusted.
    pub status: &'static str,
    pub max_score: usize,
    pub tests: Vec<ClassroomTest>,
}

#[derive(Serialize)]
pub struct ClassroomTest {
    pub name: String,
    pub status: &'static str,
    pub score: usize,
    pub message: String,
    pub line_no: Option<usize>,
    pub execution_time: &'static str,
}

pub fn result(report: &Report) -> ClassroomResult {
    let mut tests: Vec<ClassroomTest> = report
        .exercises
        .iter()
        .map(|exercise| {
            let passed = exercise.status == Status::Passed;
            let message = exercise
                .diagnosis()
                .unwrap_or_else(|| exercise.status.label().to_string());
            ClassroomTest {
                name: format!("{}/{}", exercise.lesson, exercise.exercise),
                status: if passed { "pass" } else { "fail" },
                score: usize::from(passed),
                message: format!("{}: {message}", exercise.status.label()),
                line_no: exercise.line,
                execution_time: "0",
            }
        })
        .collect();
    let max_score = tests.len();
    let status = match &report.integrity {
        Some(integrity) if !integrity.trusted => {
            let files: Vec<String> = integrity.tampered.iter().map(|t| t.to_string()).collect();
            tests.push(ClassroomTest {
                name: "integrity: protected files are unchanged".into(),
                status: "error",
                score: 0,
                message: format!("the score is untrusted: {}", files.join("; ")),
                line_no: None,
                execution_time: "0",
            });
            "error"
        }
        _ if report.all_passed() => "pass",
        _ => "fail",
    };
    ClassroomResult {
        version: 1,
        status,
        max_score,
        tests,
    }
}

impl ClassroomResult {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a result serializes")
    }

    /// What the reporter expects in `<STEP ID>_RESULTS`.
    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD
            .encode(serde_json::to_vec(self).expect("a result serializes"))
    }
}
