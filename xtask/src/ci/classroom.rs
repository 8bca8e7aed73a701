//! The result GitHub Classroom's autograding reporter reads
//! (`classroom-resources/autograding-grading-reporter`): one entry per exercise, a point
//! each, passed to it base64-encoded as the step output `result`.

use crate::report::{Report, Status};
use base64::Engine;
use serde_core::ser::{Serialize, SerializeStruct, Serializer};

pub struct ClassroomResult {
    pub version: u32,
    /// `pass`, `fail`, or `error` when the score is untrusted.
    pub status: &'static str,
    pub max_score: usize,
    pub tests: Vec<ClassroomTest>,
}

pub struct ClassroomTest {
    pub name: String,
    pub status: &'static str,
    pub score: usize,
    pub message: String,
    pub line_no: Option<usize>,
    pub execution_time: &'static str,
}

impl Serialize for ClassroomResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut result = serializer.serialize_struct("ClassroomResult", 4)?;
        result.serialize_field("version", &self.version)?;
        result.serialize_field("status", self.status)?;
        result.serialize_field("max_score", &self.max_score)?;
        result.serialize_field("tests", &self.tests)?;
        result.end()
    }
}

impl Serialize for ClassroomTest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut test = serializer.serialize_struct("ClassroomTest", 6)?;
        test.serialize_field("name", &self.name)?;
        test.serialize_field("status", self.status)?;
        test.serialize_field("score", &self.score)?;
        test.serialize_field("message", &self.message)?;
        test.serialize_field("line_no", &self.line_no)?;
        test.serialize_field("execution_time", self.execution_time)?;
        test.end()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Change, ExerciseReport, Integrity, Tampered};

    #[test]
    fn the_classroom_result_keeps_its_bytes() {
        let mut report = Report::new(vec![ExerciseReport {
            lesson: "01-x".into(),
            exercise: "e".into(),
            title: "E".into(),
            file: "lessons/01-x/src/e.rs".into(),
            line: Some(4),
            status: Status::NotStarted,
            message: None,
            tests: Vec::new(),
        }]);
        report.integrity = Some(Integrity::of(vec![Tampered {
            path: "Cargo.toml".into(),
            change: Change::Deleted,
        }]));
        let result = result(&report);
        assert_eq!(
            result.to_json(),
            r#"{
  "version": 1,
  "status": "error",
  "max_score": 1,
  "tests": [
    {
      "name": "01-x/e",
      "status": "fail",
      "score": 0,
      "message": "not started: not started",
      "line_no": 4,
      "execution_time": "0"
    },
    {
      "name": "integrity: protected files are unchanged",
      "status": "error",
      "score": 0,
      "message": "the score is untrusted: deleted: Cargo.toml",
      "line_no": null,
      "execution_time": "0"
    }
  ]
}"#
        );
        assert_eq!(
            result.to_base64(),
            "eyJ2ZXJzaW9uIjoxLCJzdGF0dXMiOiJlcnJvciIsIm1heF9zY29yZSI6MSwidGVzdHMiOlt7Im5hbWUiOiIwMS14L2UiLCJzdGF0dXMiOiJmYWlsIiwic2NvcmUiOjAsIm1lc3NhZ2UiOiJub3Qgc3RhcnRlZDogbm90IHN0YXJ0ZWQiLCJsaW5lX25vIjo0LCJleGVjdXRpb25fdGltZSI6IjAifSx7Im5hbWUiOiJpbnRlZ3JpdHk6IHByb3RlY3RlZCBmaWxlcyBhcmUgdW5jaGFuZ2VkIiwic3RhdHVzIjoiZXJyb3IiLCJzY29yZSI6MCwibWVzc2FnZSI6InRoZSBzY29yZSBpcyB1bnRydXN0ZWQ6IGRlbGV0ZWQ6IENhcmdvLnRvbWwiLCJsaW5lX25vIjpudWxsLCJleGVjdXRpb25fdGltZSI6IjAifV19"
        );
    }
}
