//! The report as JUnit XML, the format CI services and test dashboards read: a suite
//! per lesson, a case per test, and an `integrity` suite when files were tampered with.

use crate::report::{ExerciseReport, Report, Status};
use std::fmt::Write;

pub fn to_xml(report: &Report) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    for score in report.lesson_scores() {
        let exercises: Vec<&ExerciseReport> = report
            .exercises
            .iter()
            .filter(|e| e.lesson == score.lesson)
            .collect();
        let cases: Vec<Case> = exercises.iter().flat_map(|e| cases(e)).collect();
        let count = |verdict: Verdict| cases.iter().filter(|c| c.verdict == verdict).count();
        let (f, e, s) = (
            count(Verdict::Failure),
            count(Verdict::Error),
            count(Verdict::Skipped),
        );
        tests += cases.len();
        failures += f;
        errors += e;
        skipped += s;
        let _ = writeln!(
            suites,
            r#"  <testsuite name="{}" tests="{}" failures="{f}" errors="{e}" skipped="{s}">"#,
            escape(&score.lesson),
            cases.len()
        );
        for case in &cases {
            suites.push_str(&case.to_xml());
        }
        suites.push_str("  </testsuite>\n");
    }
    if let Some(integrity) = report.integrity.as_ref().filter(|i| !i.trusted) {
        let files: Vec<String> = integrity.tampered.iter().map(|t| t.to_string()).collect();
        let case = Case {
            class: "integrity".into(),
            name: "protected files are unchanged".into(),
            file: None,
            verdict: Verdict::Failure,
            kind: "tampered".into(),
            message: format!(
                "the score is untrusted: files that grading depends on were changed\n{}",
                files.join("\n")
            ),
        };
        tests += 1;
        failures += 1;
        let _ = writeln!(
            suites,
            r#"  <testsuite name="integrity" tests="1" failures="1" errors="0" skipped="0">"#
        );
        suites.push_str(&case.to_xml());
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"course\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    Passed,
    Failure,
    Error,
    Skipped,
}

struct Case {
    class: String,
    name: String,
    file: Option<String>,
    verdict: Verdict,
    /// The status word, as the `type` of a failure.
    kind: String,
    message: String,
}

/// One case per test; an exercise without test results (it did not compile) is one
/// case of its own.
fn cases(exercise: &ExerciseReport) -> Vec<Case> {
    let class = format!("{}.{}", exercise.lesson, exercise.exercise);
    let case = |name: &str, status: Status, message: Option<&str>| Case {
        class: class.clone(),
        name: name.to_string(),
        file: Some(exercise.file.clone()),
        verdict: match status {
            Status::Passed => Verdict::Passed,
            Status::Failed | Status::NotStarted => Verdict::Failure,
            Status::TimedOut | Status::Crashed | Status::CompileError => Verdict::Error,
            Status::NotGraded => Verdict::Skipped,
        },
        kind: status.word().to_string(),
        message: message.unwrap_or(status.label()).to_string(),
    };
    if exercise.tests.is_empty() {
        return vec![case(
            &exercise.exercise,
            exercise.status,
            exercise.message.as_deref(),
        )];
    }
    exercise
        .tests
        .iter()
        .map(|test| case(&test.name, test.status, test.message().as_deref()))
        .collect()
}

impl Case {
    fn to_xml(&self) -> String {
        let file = self
            .file
            .as_ref()
            .map(|f| format!(r#" file="{}""#, escape(f)))
            .unwrap_or_default();
        let open = format!(
            r#"    <testcase classname="{}" name="{}"{file}"#,
            escape(&self.class),
            escape(&self.name)
        );
        // The panic message, not the `thread '...' panicked at` line above it.
        let first_line = self
            .message
            .lines()
            .find(|line| !line.starts_with("thread '") && !line.trim().is_empty())
            .unwrap_or("");
        let element = match self.verdict {
            Verdict::Passed => return format!("{open}/>\n"),
            Verdict::Failure => "failure",
            Verdict::Error => "error",
            Verdict::Skipped => {
                return format!(
                    "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(first_line)
                );
            }
        };
        format!(
            "{open}>\n      <{element} type=\"{}\" message=\"{}\">{}</{element}>\n    </testcase>\n",
            escape(&self.kind),
            escape(first_line),
            escape(&self.message)
        )
    }
}

/// XML-escapes text, dropping the control characters XML 1.0 cannot carry at all.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("a<b> & \"c\" \u{1b}[31m"),
            "a&lt;b&gt; &amp; &quot;c&quot; [31m"
        );
    }
}
