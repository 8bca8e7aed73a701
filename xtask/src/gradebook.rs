//! The gradebook of a class: one row per student, written as CSV, JSON and Markdown.

use crate::error::Error;
use crate::fields::Fields;
use crate::report::{LessonScore, Report, Status, Tampered};
use crate::review::Flag;
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt::Write;
use std::path::Path;

pub struct Gradebook {
    /// The course commit the class was graded at.
    pub source: Option<String>,
    /// The lessons, in course order: the columns.
    pub lessons: Vec<String>,
    /// What student code ran in: `bubblewrap`, or `none` (`--no-sandbox`); `mixed` when
    /// merged parts differ; `unrecorded` in gradebooks older than the field.
    pub sandbox: String,
    pub students: Vec<StudentGrade>,
}

pub struct StudentGrade {
    /// The name of the student's checkout directory.
    pub student: String,
    pub lessons: Vec<LessonScore>,
    pub passed: usize,
    pub total: usize,
    /// Files that grading depends on differ from the published edition in the student's
    /// checkout. The grade itself does not depend on them: it uses the course's files.
    pub untrusted: bool,
    pub tampered: Vec<Tampered>,
    /// Every exercise that does not pass, in course order.
    pub failures: Vec<Failure>,
    /// Lines of the student's files a person should look at, whatever the score.
    pub review: Vec<Flag>,
    /// Why the student could not be graded at all (their score is then 0).
    pub error: Option<String>,
}

pub struct Failure {
    pub lesson: String,
    pub exercise: String,
    pub status: Status,
    pub message: Option<String>,
}

impl StudentGrade {
    pub fn new(
        student: String,
        report: &Report,
        tampered: Vec<Tampered>,
        review: Vec<Flag>,
    ) -> StudentGrade {
        let failures = report
            .exercises
            .iter()
            .filter(|e| e.status != Status::Passed)
            .map(|e| Failure {
                lesson: e.lesson.clone(),
                exercise: e.exercise.clone(),
                status: e.status,
                message: e.diagnosis(),
            })
            .collect();
        StudentGrade {
            student,
            lessons: report.lesson_scores(),
            passed: report.summary.passed,
            total: report.summary.total,
            untrusted: !tampered.is_empty(),
            tampered,
            failures,
            review,
            error: None,
        }
    }

    /// A student whose grading failed: no exercise counted, and why.
    pub fn not_graded(student: String, total: usize, error: String) -> StudentGrade {
        StudentGrade {
            student,
            lessons: Vec::new(),
            passed: 0,
            total,
            untrusted: false,
            tampered: Vec::new(),
            failures: Vec::new(),
            review: Vec::new(),
            error: Some(error),
        }
    }

    fn score_of(&self, lesson: &str) -> String {
        self.lessons
            .iter()
            .find(|s| s.lesson == lesson)
            .map_or_else(String::new, |s| format!("{}/{}", s.passed, s.total))
    }

    fn failures_text(&self) -> String {
        if let Some(error) = &self.error {
            return format!("not graded: {error}");
        }
        let failures: Vec<String> = self
            .failures
            .iter()
            .map(|f| format!("{} ({})", f.exercise, f.status.label()))
            .collect();
        failures.join("; ")
    }

    fn review_text(&self) -> String {
        let flags: Vec<String> = self
            .review
            .iter()
            .map(|f| format!("{}:{}: {}", f.file, f.line, f.what))
            .collect();
        flags.join("; ")
    }

    fn tampered_text(&self) -> String {
        let files: Vec<String> = self.tampered.iter().map(|t| t.to_string()).collect();
        files.join("; ")
    }
}

impl Gradebook {
    /// Joins gradebooks of parts of a class (one per CI job), read from JSON files.
    pub fn merge(paths: &[impl AsRef<Path>]) -> Result<Gradebook, Error> {
        let mut merged = Gradebook {
            source: None,
            lessons: Vec::new(),
            sandbox: String::new(),
            students: Vec::new(),
        };
        for path in paths {
            let path = path.as_ref();
            let text = std::fs::read(path)
                .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))?;
            let book = Gradebook::from_json(&text).map_err(|e| {
                Error::config(format!("{} is not a gradebook: {e}", path.display()))
                    .help("pass the gradebook.json files that `cargo xtask grade` wrote")
            })?;
            if merged.source.is_some() && book.source != merged.source {
                return Err(Error::config(format!(
                    "{} was graded at another course commit ({}) than the others ({})",
                    path.display(),
                    book.source.as_deref().unwrap_or("unknown"),
                    merged.source.as_deref().unwrap_or("unknown")
                )));
            }
            merged.source = book.source;
            if merged.sandbox.is_empty() || merged.sandbox == book.sandbox {
                merged.sandbox = book.sandbox;
            } else {
                merged.sandbox = "mixed".to_string();
            }
            for lesson in book.lessons {
                if !merged.lessons.contains(&lesson) {
                    merged.lessons.push(lesson);
                }
            }
            merged.students.extend(book.students);
        }
        merged.students.sort_by(|a, b| a.student.cmp(&b.student));
        Ok(merged)
    }

    /// Writes `gradebook.csv`, `gradebook.json` and `gradebook.md` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
        for (name, content) in [
            ("gradebook.csv", self.to_csv()),
            ("gradebook.json", self.to_json()),
            ("gradebook.md", self.to_markdown()),
        ] {
            let path = dir.join(name);
            crate::state::write_atomically(&path, content.as_bytes())
                .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))?;
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a gradebook serializes")
    }

    pub fn from_json(text: &[u8]) -> serde_json::Result<Gradebook> {
        serde_json::from_slice(text)
    }

    pub fn to_csv(&self) -> String {
        let mut header = vec!["student".to_string()];
        header.extend(self.lessons.iter().cloned());
        header.extend(
            [
                "passed",
                "total",
                "untrusted",
                "tampered",
                "failures",
                "review",
            ]
            .map(str::to_string),
        );
        let mut csv = csv_row(&header);
        for student in &self.students {
            let mut row = vec![student.student.clone()];
            row.extend(self.lessons.iter().map(|l| student.score_of(l)));
            row.extend([
                student.passed.to_string(),
                student.total.to_string(),
                student.untrusted.to_string(),
                student.tampered_text(),
                student.failures_text(),
                student.review_text(),
            ]);
            csv.push_str(&csv_row(&row));
        }
        csv
    }

    pub fn to_markdown(&self) -> String {
        let mut page = format!(
            "# Gradebook\n\nGraded at course commit `{}`, student code run in sandbox: {}.\n\n| Student |",
            self.source.as_deref().unwrap_or("unknown"),
            self.sandbox
        );
        for lesson in &self.lessons {
            let _ = write!(page, " {lesson} |");
        }
        page.push_str(" Total | Trusted | Failures | Review |\n|---|");
        page.push_str(&"---|".repeat(self.lessons.len() + 4));
        page.push('\n');
        for student in &self.students {
            let _ = write!(page, "| {} |", cell(&student.student));
            for lesson in &self.lessons {
                let _ = write!(page, " {} |", student.score_of(lesson));
            }
            let trusted = if student.untrusted {
                format!("⚠️ no: {}", student.tampered_text())
            } else {
                "yes".to_string()
            };
            let _ = writeln!(
                page,
                " **{}/{}** | {} | {} | {} |",
                student.passed,
                student.total,
                cell(&trusted),
                cell(&student.failures_text()),
                cell(&student.review_text())
            );
        }
        page
    }
}

// `gradebook.json`, field by field; `merge` reads it back.

impl Serialize for Gradebook {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut book = serializer.serialize_struct("Gradebook", 4)?;
        book.serialize_field("source", &self.source)?;
        book.serialize_field("lessons", &self.lessons)?;
        book.serialize_field("sandbox", &self.sandbox)?;
        book.serialize_field("students", &self.students)?;
        book.end()
    }
}

impl<'de> Deserialize<'de> for Gradebook {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Gradebook, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Gradebook {
            source: fields.optional("source")?,
            lessons: fields.required("lessons")?,
            sandbox: fields
                .optional("sandbox")?
                .unwrap_or_else(|| "unrecorded".to_string()),
            students: fields.required("students")?,
        })
    }
}

impl Serialize for StudentGrade {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut grade = serializer.serialize_struct("StudentGrade", 9)?;
        grade.serialize_field("student", &self.student)?;
        grade.serialize_field("lessons", &self.lessons)?;
        grade.serialize_field("passed", &self.passed)?;
        grade.serialize_field("total", &self.total)?;
        grade.serialize_field("untrusted", &self.untrusted)?;
        grade.serialize_field("tampered", &self.tampered)?;
        grade.serialize_field("failures", &self.failures)?;
        grade.serialize_field("review", &self.review)?;
        // Only a student who could not be graded has an `error`.
        if let Some(error) = &self.error {
            grade.serialize_field("error", error)?;
        }
        grade.end()
    }
}

impl<'de> Deserialize<'de> for StudentGrade {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StudentGrade, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(StudentGrade {
            student: fields.required("student")?,
            lessons: fields.required("lessons")?,
            passed: fields.required("passed")?,
            total: fields.required("total")?,
            untrusted: fields.required("untrusted")?,
            tampered: fields.required("tampered")?,
            failures: fields.required("failures")?,
            // Older gradebooks have no `review`.
            review: fields.or_default("review")?,
            error: fields.optional("error")?,
        })
    }
}

impl Serialize for Failure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut failure = serializer.serialize_struct("Failure", 4)?;
        failure.serialize_field("lesson", &self.lesson)?;
        failure.serialize_field("exercise", &self.exercise)?;
        failure.serialize_field("status", &self.status)?;
        failure.serialize_field("message", &self.message)?;
        failure.end()
    }
}

impl<'de> Deserialize<'de> for Failure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Failure, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Failure {
            lesson: fields.required("lesson")?,
            exercise: fields.required("exercise")?,
            status: fields.required("status")?,
            message: fields.optional("message")?,
        })
    }
}

fn csv_row(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::csv_row;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let row = csv_row(&["a".into(), "b,c".into(), "say \"hi\"".into()]);
        assert_eq!(row, "a,\"b,c\",\"say \"\"hi\"\"\"\n");
    }

    #[test]
    fn the_gradebook_keeps_its_bytes_and_reads_back() {
        use super::*;
        use crate::report::Change;
        let book = Gradebook {
            source: Some("abc123".into()),
            lessons: vec!["01-x".into()],
            sandbox: "bubblewrap".into(),
            students: vec![
                StudentGrade {
                    student: "ann".into(),
                    lessons: vec![LessonScore {
                        lesson: "01-x".into(),
                        passed: 1,
                        total: 2,
                    }],
                    passed: 1,
                    total: 2,
                    untrusted: true,
                    tampered: vec![Tampered {
                        path: "Cargo.toml".into(),
                        change: Change::Added,
                    }],
                    failures: vec![Failure {
                        lesson: "01-x".into(),
                        exercise: "e".into(),
                        status: Status::TimedOut,
                        message: Some("test e::t: did not finish".into()),
                    }],
                    review: vec![Flag {
                        file: "lessons/01-x/src/e.rs".into(),
                        line: 3,
                        what: "ends the test process itself".into(),
                    }],
                    error: None,
                },
                StudentGrade::not_graded("bob".into(), 2, "no such directory".into()),
            ],
        };
        let json = book.to_json();
        assert_eq!(
            json,
            r#"{
  "source": "abc123",
  "lessons": [
    "01-x"
  ],
  "sandbox": "bubblewrap",
  "students": [
    {
      "student": "ann",
      "lessons": [
        {
          "lesson": "01-x",
          "passed": 1,
          "total": 2
        }
      ],
      "passed": 1,
      "total": 2,
      "untrusted": true,
      "tampered": [
        {
          "path": "Cargo.toml",
          "change": "added"
        }
      ],
      "failures": [
        {
          "lesson": "01-x",
          "exercise": "e",
          "status": "timed_out",
          "message": "test e::t: did not finish"
        }
      ],
      "review": [
        {
          "file": "lessons/01-x/src/e.rs",
          "line": 3,
          "what": "ends the test process itself"
        }
      ]
    },
    {
      "student": "bob",
      "lessons": [],
      "passed": 0,
      "total": 2,
      "untrusted": false,
      "tampered": [],
      "failures": [],
      "review": [],
      "error": "no such directory"
    }
  ]
}"#
        );
        let read = Gradebook::from_json(json.as_bytes()).unwrap();
        assert_eq!(read.to_json(), json);

        // Gradebooks written before `sandbox` and `review` existed still merge.
        let old = r#"{"source": null, "lessons": [], "students": [{"student": "c",
            "lessons": [], "passed": 0, "total": 0, "untrusted": false, "tampered": [],
            "failures": []}]}"#;
        let read = Gradebook::from_json(old.as_bytes()).unwrap();
        assert_eq!(read.sandbox, "unrecorded");
        assert!(read.students[0].review.is_empty() && read.students[0].error.is_none());
    }
}
