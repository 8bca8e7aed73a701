//! `lesson.toml`: the manifest of one lesson.

use crate::fields::Fields;
use serde_core::de::{Deserialize, Deserializer};
use std::path::Path;
use std::time::Duration;

/// What an exercise's `may_use` can name: uses of the machine that class grading flags
/// for review in a student's file unless the exercise needs them.
pub const ALLOWANCES: &[&str] = &["environment", "files"];

/// Seconds each test may run when the manifest does not say.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

#[derive(Debug)]
pub struct Manifest {
    pub title: String,
    /// `[[exercises]]`.
    pub exercises: Vec<ExerciseEntry>,
}

#[derive(Debug)]
pub struct ExerciseEntry {
    pub name: String,
    pub title: String,
    pub hints: Vec<String>,
    /// Seconds each test of this exercise may run.
    pub timeout: Option<u64>,
    /// What a solution needs that grading would otherwise flag for review
    /// (see [`ALLOWANCES`]).
    pub may_use: Vec<String>,
}

// Instructors write manifests by hand: a field the runner does not know is an error,
// not a hint silently ignored.

impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Manifest, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        let manifest = Manifest {
            title: fields.required("title")?,
            exercises: fields.or_default("exercises")?,
        };
        fields.deny_unknown()?;
        Ok(manifest)
    }
}

impl<'de> Deserialize<'de> for ExerciseEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ExerciseEntry, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        let name: String = fields.required("name")?;
        fields.name_in_errors(format!("exercise `{name}`"));
        let entry = ExerciseEntry {
            name,
            title: fields.required("title")?,
            hints: fields.or_default("hints")?,
            timeout: fields.optional("timeout")?,
            may_use: fields.or_default("may_use")?,
        };
        fields.deny_unknown()?;
        Ok(entry)
    }
}

impl ExerciseEntry {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS))
    }
}

impl Manifest {
    /// Reads and checks a manifest; errors say which file and what to fix.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let manifest: Manifest = toml::from_str(&text)
            .map_err(|e| format!("{} is not a valid manifest: {e}", path.display()))?;
        manifest
            .validate()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(manifest)
    }

    fn validate(&self) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err("`title` is empty".into());
        }
        if self.exercises.is_empty() {
            return Err("no `[[exercises]]`: a lesson needs at least one".into());
        }
        for (i, exercise) in self.exercises.iter().enumerate() {
            if !is_identifier(&exercise.name) {
                return Err(format!(
                    "exercise name `{}` must be a lowercase Rust identifier (letters, digits, `_`; \
                     not a keyword, `main`, `lib` or `hidden`), since it names the files \
                     src/NAME.rs, solutions/NAME.rs and tests/NAME.rs",
                    exercise.name
                ));
            }
            if self.exercises[..i].iter().any(|e| e.name == exercise.name) {
                return Err(format!("exercise `{}` is listed twice", exercise.name));
            }
            if exercise.title.trim().is_empty() {
                return Err(format!("exercise `{}` has an empty `title`", exercise.name));
            }
            if let Some(unknown) = exercise
                .may_use
                .iter()
                .find(|a| !ALLOWANCES.contains(&a.as_str()))
            {
                return Err(format!(
                    "exercise `{}`: `may_use` names `{unknown}`, which is none of {}",
                    exercise.name,
                    ALLOWANCES.join(", ")
                ));
            }
            if exercise.timeout == Some(0) {
                return Err(format!(
                    "exercise `{}`: `timeout` must be at least 1 (seconds)",
                    exercise.name
                ));
            }
        }
        Ok(())
    }
}

/// Whether `name` can name an exercise: a lowercase identifier that is not a keyword
/// and not a file or module the lesson format already uses.
pub fn is_identifier(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "_", "main", "lib", "hidden", "as", "async", "await", "break", "const", "continue",
        "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in",
        "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
        "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
        "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized",
        "virtual", "yield",
    ];
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z' | '_'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && !RESERVED.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        manifest.validate().map(|()| manifest)
    }

    #[test]
    fn reads_a_manifest() {
        let manifest = parse(
            r#"
            title = "Processes"
            [[exercises]]
            name = "run_helper"
            title = "Run a program"
            hints = ["one", "two"]
            timeout = 3
            "#,
        )
        .unwrap();
        assert_eq!(manifest.exercises[0].hints.len(), 2);
        assert_eq!(manifest.exercises[0].timeout(), Duration::from_secs(3));
    }

    #[test]
    fn rejects_bad_names_duplicates_and_unknown_keys() {
        let one = |name: &str| {
            format!("title = \"T\"\n[[exercises]]\nname = \"{name}\"\ntitle = \"x\"\n")
        };
        assert!(
            parse(&one("Run-Helper"))
                .unwrap_err()
                .contains("lowercase Rust identifier")
        );
        assert!(parse(&one("lib")).is_err());
        let twice = format!("{}{}", one("a"), one("a").replace("title = \"T\"\n", ""));
        assert!(parse(&twice).unwrap_err().contains("listed twice"));
        assert_eq!(
            parse("title = \"T\"\n[[exercises]]\nname = \"a\"\ntitle = \"x\"\nhint = []\n")
                .unwrap_err(),
            "`exercises`: exercise `a`: unknown field `hint`, expected one of `name`, `title`, `hints`, `timeout`, `may_use`"
        );
        assert_eq!(
            parse(&format!("extra = 1\n{}", one("a"))).unwrap_err(),
            "unknown field `extra`, expected one of `title`, `exercises`"
        );
        assert_eq!(
            parse("title = \"T\"\n[[exercises]]\nname = \"a\"\n").unwrap_err(),
            "`exercises`: exercise `a`: missing field `title`"
        );
        assert!(
            parse(&format!("{}timeout = \"3\"\n", one("a")))
                .unwrap_err()
                .starts_with("`exercises`: exercise `a`: `timeout`: invalid type: string")
        );
        // A TOML error points at its line.
        assert!(
            parse("title = \"T\n")
                .unwrap_err()
                .starts_with("TOML parse error at line 1, column 11")
        );
        assert!(
            parse("title = \"T\"\n")
                .unwrap_err()
                .contains("at least one")
        );
        assert!(
            parse(&format!("{}may_use = [\"network\"]\n", one("a")))
                .unwrap_err()
                .contains("`may_use` names `network`, which is none of environment, files")
        );
    }
}
