//! Grading in CI, `cargo xtask check --ci`: report files for machines and, in GitHub
//! Actions, annotations, the job summary and the result for GitHub Classroom.

pub mod classroom;
pub mod github;
pub mod junit;
pub mod summary;

use crate::error::Error;
use crate::report::Report;
use std::path::Path;

/// Where `check --ci` writes its reports, relative to the course root.
pub const REPORT_DIR: &str = "target/course-report";

/// Writes `report.json` (the `check --format json` document with `integrity`),
/// `junit.xml`, `classroom.json` and `summary.md` into `dir`.
pub fn write_reports(report: &Report, dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
    let files = [
        ("report.json", report.to_json()),
        ("junit.xml", junit::to_xml(report)),
        ("classroom.json", classroom::result(report).to_json()),
        ("summary.md", summary::to_markdown(report)),
    ];
    for (name, content) in files {
        let path = dir.join(name);
        crate::state::write_atomically(&path, content.as_bytes())
            .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

/// In GitHub Actions, once workflow commands are obeyed again: an error annotation per
/// tampered file and per failing exercise, the job summary, and the step output
/// `result` for the Classroom reporter.
pub fn publish_to_actions(report: &Report) -> Result<(), Error> {
    if let Some(integrity) = &report.integrity {
        for tampered in &integrity.tampered {
            println!(
                "{}",
                github::error_annotation(
                    &tampered.path,
                    None,
                    "untrusted score: a protected file changed",
                    &format!(
                        "{tampered}. Grading depends on this file: restore it with `git checkout upstream/main -- {}`",
                        tampered.path
                    ),
                )
            );
        }
    }
    for exercise in report.exercises.iter().filter(|e| e.status.is_failure()) {
        let message = exercise.diagnosis().unwrap_or_default();
        println!(
            "{}",
            github::error_annotation(
                &exercise.file,
                exercise.line,
                &format!("{}: {}", exercise.exercise, exercise.status.label()),
                &message,
            )
        );
    }
    let write = |variable: &str, text: &str| {
        github::append(variable, text)
            .map_err(|e| Error::config(format!("cannot write to ${variable}: {e}")))
    };
    write("GITHUB_STEP_SUMMARY", &summary::to_markdown(report))?;
    write(
        "GITHUB_OUTPUT",
        &format!("result={}\n", classroom::result(report).to_base64()),
    )
}
