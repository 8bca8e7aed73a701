//! Scratch directories for tests: unique, and removed when dropped.
//!
//! Tests run in parallel threads (and, under the runner, in parallel processes), so a
//! fixed path would be shared between them. [`TempDir::new`] makes a fresh directory in
//! [`std::env::temp_dir`] whose name holds the process id and a counter, and removes it
//! with everything in it when dropped.
//!
//! ```
//! use shared::temp::TempDir;
//!
//! let dir = TempDir::new("markers");
//! std::fs::write(dir.path().join("ready"), "")?;
//! assert!(dir.path().join("ready").exists());
//! let path = dir.path().to_owned();
//! drop(dir);
//! assert!(!path.exists());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! A test's current directory is its crate's directory, which is part of the course: never
//! write there.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A unique directory under the system's temporary directory, removed on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates `<temp dir>/course-<label>-<pid>-<counter>`.
    ///
    /// `label` only helps a human find leftovers; keep it short and path-safe.
    ///
    /// # Panics
    ///
    /// If the directory cannot be created (a test cannot go on without it).
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("course-{label}-{}-{unique}", std::process::id());
        let path = std::env::temp_dir().join(name);
        // A leftover of an earlier process with the same id: start afresh.
        let _ = std::fs::remove_dir_all(&path);
        if let Err(error) = std::fs::create_dir_all(&path) {
            panic!(
                "could not create the scratch directory {}: {error}",
                path.display()
            );
        }
        TempDir { path }
    }

    /// The directory's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a leftover in the temporary directory is harmless.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_unique_and_removed() {
        let first = TempDir::new("unit");
        let second = TempDir::new("unit");
        assert_ne!(first.path(), second.path());
        assert!(first.path().is_dir() && second.path().is_dir());
        std::fs::create_dir(first.path().join("nested")).unwrap();
        std::fs::write(first.path().join("nested/file"), "data").unwrap();
        let path = first.path().to_owned();
        drop(first);
        assert!(!path.exists());
        assert!(second.path().is_dir());
    }
}
