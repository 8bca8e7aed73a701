//! GitHub Actions: workflow commands, annotations, the job summary and step outputs.
//!
//! The runner obeys any stdout line that looks like `::command::`. Student code prints
//! (panic messages, compile errors quoting its source), so while it runs and while its
//! output is shown, commands are paused with `::stop-commands::TOKEN`; only `::TOKEN::`
//! resumes them, and the token is random, so the code under test cannot guess it.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::PathBuf;

pub fn in_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// Workflow commands paused until [`CommandsPaused::resume`].
pub struct CommandsPaused {
    token: String,
}

impl CommandsPaused {
    pub fn start() -> CommandsPaused {
        let token = format!("{:016x}{:016x}", random(), random());
        println!("::stop-commands::{token}");
        CommandsPaused { token }
    }

    pub fn resume(self) {
        println!("::{}::", self.token);
    }
}

/// 64 bits from the standard library's randomly seeded hasher.
fn random() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    hasher.finish()
}

/// `::error file=F,line=L,title=T::MESSAGE`, with the escaping that keeps any text
/// inside the one annotation.
pub fn error_annotation(file: &str, line: Option<usize>, title: &str, message: &str) -> String {
    let mut properties = format!("file={}", escape_property(file));
    if let Some(line) = line {
        properties.push_str(&format!(",line={line}"));
    }
    properties.push_str(&format!(",title={}", escape_property(title)));
    format!("::error {properties}::{}", escape_data(message))
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Appends to the file named by a file-command variable (`GITHUB_STEP_SUMMARY`, ...),
/// if it is set.
pub fn append(variable: &str, text: &str) -> std::io::Result<()> {
    let Some(path) = std::env::var_os(variable).map(PathBuf::from) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_cannot_be_broken_out_of() {
        let annotation = error_annotation(
            "lessons/01-x/src/a.rs",
            Some(7),
            "01-x, a: failed",
            "50% done\n::add-mask::x\r",
        );
        assert_eq!(
            annotation,
            "::error file=lessons/01-x/src/a.rs,line=7,title=01-x%2C a%3A failed::50%25 done%0A::add-mask::x%0D"
        );
        assert_eq!(annotation.lines().count(), 1);
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(CommandsPaused::start().token, CommandsPaused::start().token);
    }
}
