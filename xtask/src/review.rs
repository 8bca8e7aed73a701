//! Code in a student's exercise file that a person should look at, whatever its score:
//! ways to read what grading hides, to end or fool the test process, or to reach the
//! machine beyond what the exercise needs.
//!
//! It is a reading of the text, not a proof: it finds what is written plainly (spaces
//! and line breaks inside a path are ignored), not what a macro assembles. The sandbox
//! is what stops an attack; this flags the attempt for a person.

use crate::fields::Fields;
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};

/// One line of a student's file to look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The file, relative to the course root.
    pub file: String,
    pub line: usize,
    /// What the line does, in words.
    pub what: String,
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut flag = serializer.serialize_struct("Flag", 3)?;
        flag.serialize_field("file", &self.file)?;
        flag.serialize_field("line", &self.line)?;
        flag.serialize_field("what", &self.what)?;
        flag.end()
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Flag {
            file: fields.required("file")?,
            line: fields.required("line")?,
            what: fields.required("what")?,
        })
    }
}

/// A pattern (without whitespace), what it means, and the allowance that permits it
/// (one of [`crate::manifest::ALLOWANCES`], named by an exercise's `may_use`).
const SUSPICIOUS: &[(&str, &str, Option<&str>)] = &[
    (
        "#[path",
        "`#[path]` reads a file outside the exercise",
        None,
    ),
    ("include!(", "`include!` reads another file", None),
    ("include_str!(", "`include_str!` reads another file", None),
    (
        "include_bytes!(",
        "`include_bytes!` reads another file",
        None,
    ),
    ("process::exit", "ends the test process itself", None),
    ("process::abort", "ends the test process itself", None),
    ("set_hook", "replaces the panic hook", None),
    ("take_hook", "replaces the panic hook", None),
    ("/proc", "reads the process table (`/proc`)", None),
    ("io::stdin", "reads the test process's standard input", None),
    ("testresult:", "prints a test verdict", None),
    (
        "env::var",
        "reads environment variables",
        Some("environment"),
    ),
    ("env::args", "reads the command line", Some("environment")),
    ("fs::", "uses the file system", Some("files")),
    ("File::", "uses the file system", Some("files")),
];

/// Flags the lines of `text` (the student's `file`) that use something suspicious the
/// exercise does not allow.
pub fn flags(file: &str, text: &str, allowed: &[String]) -> Vec<Flag> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        for (pattern, what, allowance) in SUSPICIOUS {
            let allowed = allowance.is_some_and(|a| allowed.iter().any(|x| x == a));
            if !allowed && squeezed.contains(pattern) {
                found.push(Flag {
                    file: file.to_string(),
                    line: index + 1,
                    what: (*what).to_string(),
                });
            }
        }
    }
    found.dedup_by(|a, b| a.line == b.line && a.what == b.what);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_what_a_person_should_see_with_its_line() {
        let text = "pub fn add(a: u32, b: u32) -> u32 {\n\
                    let hidden = include_str ! (\"../tests/hidden/x.rs\");\n\
                    std::process :: exit(0);\n\
                    // std::fs::read in a comment is fine\n\
                    let _ = std::fs::read(\"x\");\n\
                    println!(\"test result: ok. 1 passed\");\n\
                    a + b\n}\n";
        let found = flags("lessons/01-x/src/add.rs", text, &[]);
        let lines: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.what.as_str())).collect();
        assert_eq!(
            lines,
            [
                (2, "`include_str!` reads another file"),
                (3, "ends the test process itself"),
                (5, "uses the file system"),
                (6, "prints a test verdict"),
            ]
        );
        let allowed = flags("f.rs", text, &["files".to_string()]);
        assert!(allowed.iter().all(|f| f.line != 5), "{allowed:?}");
    }

    #[test]
    fn plain_code_is_not_flagged() {
        let text = "use std::collections::HashMap;\n\
                    pub fn count(words: &[&str]) -> HashMap<&str, usize> {\n\
                    let mut map = HashMap::new();\n\
                    for w in words { *map.entry(*w).or_default() += 1; }\n\
                    map\n}\n";
        assert_eq!(flags("f.rs", text, &[]), []);
    }
}
