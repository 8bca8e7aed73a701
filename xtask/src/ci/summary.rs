//! The job summary: a Markdown page with the score, a table of lessons and a table of
//! exercises.

use crate::report::{Report, Status};
use std::fmt::Write;

pub fn to_markdown(report: &Report) -> String {
    let summary = &report.summary;
    let mut page = format!(
        "## Course grade: {}/{} exercises solved\n\n",
        summary.passed, summary.total
    );
    if let Some(integrity) = report.integrity.as_ref().filter(|i| !i.trusted) {
        page.push_str(
            "> [!WARNING]\n> **Untrusted score.** Files that grading depends on differ from the \
             published course:\n",
        );
        for tampered in &integrity.tampered {
            let _ = writeln!(page, "> - {}", cell(&tampered.to_string()));
        }
        page.push_str(
            "> \n> Restore them (`git checkout upstream/main -- PATH`) and push again.\n\n",
        );
    }
    page.push_str("| Lesson | Solved |\n|---|---|\n");
    for score in report.lesson_scores() {
        let _ = writeln!(
            page,
            "| {} | {}/{} |",
            score.lesson, score.passed, score.total
        );
    }
    let _ = writeln!(
        page,
        "| **Total** | **{}/{}** |",
        summary.passed, summary.total
    );
    page.push_str("\n| Lesson | Exercise | Status | Tests passed |\n|---|---|---|---|\n");
    for exercise in &report.exercises {
        let passed = exercise
            .tests
            .iter()
            .filter(|t| t.status == Status::Passed)
            .count();
        let _ = writeln!(
            page,
            "| {} | `{}` | {} {} | {passed}/{} |",
            exercise.lesson,
            exercise.exercise,
            icon(exercise.status),
            exercise.status.label(),
            exercise.tests.len()
        );
    }
    page
}

fn icon(status: Status) -> &'static str {
    match status {
        Status::Passed => "✅",
        Status::NotStarted | Status::NotGraded => "⚪",
        _ => "❌",
    }
}

/// Text that stays inside one table cell or list item.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
