//! Derived files: starters from solution regions, and the module lists of a lesson.
//!
//! Syntax (see "The lesson format" in the README): a region runs from `// begin solution` to
//! `// end solution`. `// begin solution: MESSAGE` becomes `todo!("MESSAGE")`; a region
//! with a `// starter:` line becomes the commented lines after it, uncommented.

use crate::course::{Course, Exercise, Lesson};
use crate::error::Error;

const BEGIN: &str = "// begin solution";
const STUB: &str = "// starter:";
const END: &str = "// end solution";

/// Derives the starter from a solution's text; errors name the offending line.
pub fn derive(solution: &str) -> Result<String, String> {
    let mut starter = String::with_capacity(solution.len());
    let mut region: Option<Region> = None;
    for (index, line) in solution.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &mut region {
            None if trimmed.starts_with(BEGIN) => {
                let rest = &trimmed[BEGIN.len()..];
                let message = match rest.strip_prefix(':') {
                    Some(message) => Some(message.trim().to_string()),
                    None if rest.trim().is_empty() => None,
                    None => {
                        return Err(format!(
                            "line {number}: expected `{BEGIN}` or `{BEGIN}: MESSAGE`"
                        ));
                    }
                };
                region = Some(Region {
                    start: number,
                    indent: indent.to_string(),
                    message,
                    stub: None,
                });
            }
            None if trimmed.starts_with(END) || trimmed.starts_with(STUB) => {
                return Err(format!(
                    "line {number}: `{}` outside a solution region",
                    trimmed.trim_end()
                ));
            }
            None => {
                starter.push_str(line);
                starter.push('\n');
            }
            Some(_) if trimmed.starts_with(BEGIN) => {
                return Err(format!("line {number}: solution regions do not nest"));
            }
            Some(open) if trimmed.starts_with(STUB) => {
                if open.stub.is_some() {
                    return Err(format!("line {number}: a second `{STUB}` in one region"));
                }
                if open.message.is_some() {
                    return Err(format!(
                        "line {number}: a region has either a `todo!` message or a `{STUB}` stub, not both"
                    ));
                }
                open.stub = Some(String::new());
            }
            Some(open) if trimmed.starts_with(END) => {
                match &open.stub {
                    Some(stub) => starter.push_str(stub),
                    None => {
                        let message = open.message.as_deref().filter(|m| !m.is_empty());
                        let todo = match message {
                            Some(message) => format!("todo!({message:?})"),
                            None => "todo!()".to_string(),
                        };
                        starter.push_str(&format!("{}{todo}\n", open.indent));
                    }
                }
                region = None;
            }
            Some(Region {
                stub: Some(stub), ..
            }) => {
                let uncommented = match trimmed.strip_prefix("// ") {
                    Some(code) => format!("{indent}{code}"),
                    None if trimmed == "//" => String::new(),
                    None => {
                        return Err(format!(
                            "line {number}: stub lines after `{STUB}` must be comments (`// code`)"
                        ));
                    }
                };
                stub.push_str(&uncommented);
                stub.push('\n');
            }
            Some(_) => {} // solution code: left out of the starter
        }
    }
    match region {
        Some(open) => Err(format!("line {}: `{BEGIN}` without `{END}`", open.start)),
        None => Ok(starter),
    }
}

/// The starter of an exercise, derived from its reference solution.
pub fn of_exercise(course: &Course, exercise: &Exercise) -> Result<String, Error> {
    let solution_file = exercise.solution_file();
    let solution = std::fs::read_to_string(&solution_file).map_err(|e| {
        Error::config(format!("cannot read {}: {e}", course.relative(&solution_file)))
            .help("the starter is derived from the reference solution, which this copy of the course does not have")
    })?;
    derive(&solution)
        .map_err(|e| Error::config(format!("{}: {e}", course.relative(&solution_file))))
}

/// Whether a solution has at least one region, i.e. there is something to write.
pub fn has_regions(solution: &str) -> bool {
    solution
        .lines()
        .any(|line| line.trim_start().starts_with(BEGIN))
}

struct Region {
    start: usize,
    indent: String,
    message: Option<String>,
    stub: Option<String>,
}

const GENERATED: &str =
    "Generated by `cargo xtask sync` from lesson.toml: edit the manifest, not this file.";

/// The exercises' names in the order rustfmt keeps `mod` items in: alphabetical.
fn module_names(lesson: &Lesson) -> Vec<&str> {
    let mut names: Vec<&str> = lesson.exercises().map(|e| e.name()).collect();
    names.sort_unstable();
    names
}

/// Which copy of the course a generated file is for.
#[derive(Clone, Copy, PartialEq)]
pub enum Edition {
    /// The instructors' repository: solutions under `--features solutions`, hidden tests.
    Course,
    /// What `publish` writes for students: starters only, visible tests only.
    Students,
}

/// `src/lib.rs` of a lesson: one module per exercise, the solution under
/// `--features solutions` in the course.
pub fn lib_rs(lesson: &Lesson, edition: Edition) -> String {
    let allow_unused = match edition {
        Edition::Course => "#![cfg_attr(not(feature = \"solutions\"), allow(unused))]",
        Edition::Students => "#![allow(unused)]",
    };
    let mut text = format!(
        "//! Lesson {}: {}. The lesson text is README.md.\n//!\n//! {GENERATED}\n\n\
         // Student code is graded: no `unsafe` (with `forbid`, no `allow` can lift it).\n\
         #![forbid(unsafe_code)]\n\
         // Starters leave parameters unused until they are written.\n{allow_unused}\n",
        lesson.number, lesson.manifest.title
    );
    for name in module_names(lesson) {
        if edition == Edition::Course {
            let arguments = format!("feature = \"solutions\", path = \"../solutions/{name}.rs\"");
            // As rustfmt writes it: on one line while the arguments fit in 70 columns.
            text.push_str(&if arguments.len() <= 70 {
                format!("\n#[cfg_attr({arguments})]")
            } else {
                format!(
                    "\n#[cfg_attr(\n    {}\n)]",
                    arguments.replace(", ", ",\n    ")
                )
            });
        }
        text.push_str(&format!("\npub mod {name};\n"));
    }
    text
}

/// `tests/main.rs` of a lesson: the one test binary, one module per exercise, and in
/// the course a `hidden` module with the tests of `tests/hidden/`.
pub fn tests_main_rs(lesson: &Lesson, edition: Edition) -> String {
    let mut text = format!(
        "//! Grading tests of lesson {}, one module per exercise.\n//!\n//! {GENERATED}\n\n",
        lesson.number
    );
    for name in module_names(lesson) {
        text.push_str(&format!("mod {name};\n"));
    }
    let mut hidden: Vec<&str> = lesson
        .exercises()
        .filter(|e| e.hidden_test_file().is_file())
        .map(|e| e.name())
        .collect();
    hidden.sort_unstable();
    if edition == Edition::Course && !hidden.is_empty() {
        text.push_str(&format!("\n/// {HIDDEN_DOC}\nmod hidden {{\n"));
        for name in hidden {
            text.push_str(&format!("    mod {name};\n"));
        }
        text.push_str("}\n");
    }
    text
}

const HIDDEN_DOC: &str =
    "Tests of `tests/hidden/`: run by `verify` and `grade`, never published to students.";

#[cfg(test)]
mod tests {
    use super::derive;

    #[test]
    fn a_region_with_a_message_becomes_todo() {
        let solution = "/// Doc.\npub fn f() -> u32 {\n    // begin solution: add \"one\"\n    1 + 1\n    // end solution\n}\n";
        assert_eq!(
            derive(solution).unwrap(),
            "/// Doc.\npub fn f() -> u32 {\n    todo!(\"add \\\"one\\\"\")\n}\n"
        );
    }

    #[test]
    fn a_region_without_a_message_becomes_bare_todo() {
        assert_eq!(
            derive("  // begin solution\n  x\n  // end solution\n").unwrap(),
            "  todo!()\n"
        );
    }

    #[test]
    fn a_stub_is_uncommented_and_an_empty_stub_removes_the_region() {
        let solution = "struct S {\n    // begin solution\n    a: u8,\n    // starter:\n    // // Your fields.\n    //\n    // b: (),\n    // end solution\n}\n// begin solution\nuse std::io;\n// starter:\n// end solution\n";
        assert_eq!(
            derive(solution).unwrap(),
            "struct S {\n    // Your fields.\n\n    b: (),\n}\n"
        );
    }

    #[test]
    fn malformed_regions_are_reported_with_their_line() {
        assert_eq!(
            derive("a\n// begin solution\nb\n").unwrap_err(),
            "line 2: `// begin solution` without `// end solution`"
        );
        assert!(
            derive("// end solution\n")
                .unwrap_err()
                .starts_with("line 1:")
        );
        assert!(
            derive("// begin solution\n// begin solution\n")
                .unwrap_err()
                .contains("do not nest")
        );
        assert!(
            derive("// begin solution: m\n// starter:\n// end solution\n")
                .unwrap_err()
                .contains("not both")
        );
        assert!(
            derive("// begin solution\n// starter:\nlet x = 1;\n// end solution\n")
                .unwrap_err()
                .starts_with("line 3:")
        );
    }
}
