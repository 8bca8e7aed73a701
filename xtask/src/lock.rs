//! The lock file of a student edition: the hash of every file a student must not
//! change, and how a checkout is compared with it.

use crate::course::{LOCK_FILE, walk};
use crate::error::Error;
use crate::fields::Fields;
use crate::report::{Change, Tampered};
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, PartialEq)]
pub struct Lock {
    /// The course commit the edition was published from, if it was in git.
    pub source: Option<String>,
    /// Files a student must not change, `/`-separated path to SHA-256.
    pub protected: BTreeMap<String, String>,
    /// Files a student edits (the exercise files), with their starters' hashes.
    pub editable: BTreeMap<String, String>,
    /// Texts (`*.md`): a student may annotate them.
    pub documents: BTreeMap<String, String>,
}

impl Serialize for Lock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut lock = serializer.serialize_struct("Lock", 4)?;
        lock.serialize_field("source", &self.source)?;
        lock.serialize_field("protected", &self.protected)?;
        lock.serialize_field("editable", &self.editable)?;
        lock.serialize_field("documents", &self.documents)?;
        lock.end()
    }
}

impl<'de> Deserialize<'de> for Lock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lock, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(Lock {
            source: fields.optional("source")?,
            protected: fields.required("protected")?,
            editable: fields.required("editable")?,
            documents: fields.required("documents")?,
        })
    }
}

/// SHA-256 of a file's content, hex. Line endings are normalized first, so that a
/// checkout with `core.autocrlf` (Windows) hashes like the published files.
pub fn hash(content: &[u8]) -> String {
    let digest = match std::str::from_utf8(content) {
        Ok(text) if text.contains("\r\n") => Sha256::digest(text.replace("\r\n", "\n")),
        _ => Sha256::digest(content),
    };
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Lock {
    pub fn load(root: &Path) -> Result<Lock, Error> {
        let path = root.join(LOCK_FILE);
        let text = std::fs::read(&path)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))?;
        serde_json::from_slice(&text).map_err(|e| {
            Error::config(format!("{} is damaged: {e}", path.display())).help(
                "restore it from the course: `git checkout upstream/main -- .course/lock.json`",
            )
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a lock serializes") + "\n"
    }

    /// Compares the checkout at `root` with the lock file the course published, at
    /// `published`: a checkout whose own lock differs from it (re-hashed to match edited
    /// files, say) is tampered with too.
    pub fn check_published(published: &Path, root: &Path) -> Result<Vec<Tampered>, Error> {
        let text = std::fs::read(published)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", published.display())))?;
        let lock: Lock = serde_json::from_slice(&text).map_err(|e| {
            Error::config(format!(
                "{} is not a course lock file: {e}",
                published.display()
            ))
            .help("pass the `.course/lock.json` of the course's published edition")
        })?;
        let mut found = lock.check(root);
        let own = std::fs::read(root.join(LOCK_FILE));
        if own.is_err() || own.is_ok_and(|own| hash(&own) != hash(&text)) {
            found.push(Tampered {
                path: LOCK_FILE.to_string(),
                change: if root.join(LOCK_FILE).is_file() {
                    Change::Modified
                } else {
                    Change::Deleted
                },
            });
            found.sort_by(|a, b| a.path.cmp(&b.path));
        }
        Ok(found)
    }

    /// Compares the checkout of an edition at `root` with its lock file; a missing or
    /// damaged lock file is itself tampering.
    pub fn check_edition(root: &Path) -> Vec<Tampered> {
        let change = match Lock::load(root) {
            Ok(lock) => return lock.check(root),
            Err(_) if root.join(LOCK_FILE).is_file() => Change::Modified,
            Err(_) => Change::Deleted,
        };
        vec![Tampered {
            path: LOCK_FILE.to_string(),
            change,
        }]
    }

    /// Compares the checkout at `root` with the lock: changed or deleted protected
    /// files, and new files that could change the build or the grading.
    pub fn check(&self, root: &Path) -> Vec<Tampered> {
        let mut found = Vec::new();
        for (path, expected) in &self.protected {
            match std::fs::read(root.join(path)) {
                Ok(content) if hash(&content) == *expected => {}
                Ok(_) => found.push(Tampered {
                    path: path.clone(),
                    change: Change::Modified,
                }),
                Err(_) => found.push(Tampered {
                    path: path.clone(),
                    change: Change::Deleted,
                }),
            }
        }
        for path in walk(root) {
            let known = path == LOCK_FILE
                || self.protected.contains_key(&path)
                || self.editable.contains_key(&path)
                || self.documents.contains_key(&path);
            if !known && affects_grading(&path) {
                found.push(Tampered {
                    path,
                    change: Change::Added,
                });
            }
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        found
    }
}

/// Whether a new file at `path` could change what is built or how it is graded: a
/// build script, cargo configuration, a manifest, or anything among tests and the runner.
fn affects_grading(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let under = |dir: &str| path.starts_with(dir);
    let in_lesson_tests = path
        .strip_prefix("lessons/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(_, rest)| rest.starts_with("tests/"));
    matches!(
        name,
        "build.rs" | "Cargo.toml" | "Cargo.lock" | "rust-toolchain" | "rust-toolchain.toml"
    ) || under(".cargo/")
        || under(".course/")
        || under("xtask/")
        || under("shared/")
        || under("graded/")
        || in_lesson_tests
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_ignore_windows_line_endings() {
        assert_eq!(hash(b"a\r\nb\r\n"), hash(b"a\nb\n"));
        assert_ne!(hash(b"a\nb\n"), hash(b"a\nc\n"));
        assert_eq!(
            hash(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn new_files_count_only_where_they_change_the_grading() {
        assert!(affects_grading("lessons/01-processes/build.rs"));
        assert!(affects_grading("lessons/01-processes/tests/extra.rs"));
        assert!(affects_grading(".cargo/config.toml"));
        assert!(affects_grading("xtask/src/new.rs"));
        assert!(!affects_grading("lessons/01-processes/src/notes.rs"));
        assert!(!affects_grading("NOTES.txt"));
    }

    #[test]
    fn the_lock_file_keeps_its_bytes_and_reads_back() {
        let lock = Lock {
            source: Some("abc123".into()),
            protected: BTreeMap::from([
                ("Cargo.toml".into(), "11".into()),
                ("a/b.rs".into(), "22".into()),
            ]),
            editable: BTreeMap::from([("lessons/01-x/src/e.rs".into(), "33".into())]),
            documents: BTreeMap::new(),
        };
        assert_eq!(
            lock.to_json(),
            r#"{
  "source": "abc123",
  "protected": {
    "Cargo.toml": "11",
    "a/b.rs": "22"
  },
  "editable": {
    "lessons/01-x/src/e.rs": "33"
  },
  "documents": {}
}
"#
        );
        let read: Lock = serde_json::from_str(&lock.to_json()).unwrap();
        assert_eq!(read, lock);
    }
}
