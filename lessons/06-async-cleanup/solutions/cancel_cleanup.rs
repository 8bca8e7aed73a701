//! # Cleanup when the body is cancelled, at any await point
//!
//! Write [`backup`] and [`backup_within`]: write a backup through a temporary file, and
//! leave nothing behind however it ends: finished, failed, or cancelled at any `.await`.
//!
//! In Python a cancelled task gets a `CancelledError` at its `await`, and `finally:` or
//! `__aexit__` still run. In Rust a future is cancelled by being *dropped*: by
//! `tokio::time::timeout`, by `select!`, by `abort`. It simply stops at the `.await` where
//! it was pending, and no code after that `.await` ever runs. Only destructors run. So
//! cleanup that must happen "whatever happens" goes into a guard's `Drop`, armed *before*
//! the `.await` that may leave something behind.
//!
//! The [`Storage`] is given (a fake file system; every async method takes 10 ms):
//! [`Storage::lock`] / [`Storage::unlock`] mark a name as being backed up,
//! [`Storage::create`] creates an empty file, [`Storage::append`] appends to it (or fails
//! with [`BackupError::Full`] when the file would grow beyond the storage's capacity),
//! [`Storage::rename`] moves a file to another path, [`Storage::remove`] removes one, and
//! [`Storage::remove_blocking`] removes one synchronously (it is `std::fs::remove_file` to
//! `remove`'s `tokio::fs::remove_file`: the one a `Drop` can call; [`Storage::write_blocking`]
//! is its counterpart for writing). Like a real file system,
//! `create` makes the file as soon as it is called: a create cancelled before it completed
//! may still have created the file. `append` and `rename` take effect when they complete.
//!
//! `backup(&storage, name, chunks)`:
//!
//! 1. `storage.lock(name)?` (a name already locked is [`BackupError::Busy`]);
//! 2. creates the temporary file `"{name}.tmp"`, appends every chunk to it in order, and
//!    renames it to `name` (which replaces an older backup of that name): these calls and
//!    no other async ones, so a backup of n chunks takes (n + 2) × 10 ms;
//! 3. returns `Ok(())`, or the first error, with `?`.
//!
//! Whichever way it ends, and wherever it is dropped (after any number of polls), when it
//! has stopped: `name` is unlocked, no `"{name}.tmp"` exists, and `name` either holds the
//! complete new backup (all the chunks, concatenated) or is as it was before (no partial
//! backup ever appears under `name`). The cleanup happens by the time the future has been
//! dropped: not later (no `tokio::spawn` from a `Drop`).
//!
//! `backup_within(&storage, name, chunks, limit)` is `backup` cancelled by a timeout: the
//! result of `backup` if it completes within `limit`, else [`BackupError::TimedOut`] (use
//! `tokio::time::timeout`), with the same guarantees.
//!
//! ```text
//! let storage = Storage::new(100);
//! backup(&storage, "notes", &["a", "b"]).await == Ok(())     // 40 ms: create, 2 appends, rename
//! storage.read("notes") == Some("ab"), storage.paths() == ["notes"], storage.locked() == []
//! backup_within(&storage, "notes", &["c"], Duration::from_millis(15)).await == Err(TimedOut)
//! storage.read("notes") == Some("ab"), storage.paths() == ["notes"], storage.locked() == []
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why a backup failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// Another backup of this name is running.
    #[error("a backup of {0} is already running")]
    Busy(String),
    /// The file would grow beyond the storage's capacity.
    #[error("the storage is full")]
    Full,
    /// `backup_within` ran out of time.
    #[error("the backup timed out")]
    TimedOut,
}

/// A fake file system (given). Cheap to clone: clones share it.
#[derive(Debug, Clone)]
pub struct Storage {
    capacity: usize,
    files: Arc<Mutex<BTreeMap<String, String>>>,
    locked: Arc<Mutex<BTreeSet<String>>>,
}

/// How long each async operation of the storage takes.
const OPERATION: Duration = Duration::from_millis(10);

impl Storage {
    /// An empty storage where a file holds at most `capacity` bytes.
    pub fn new(capacity: usize) -> Storage {
        Storage {
            capacity,
            files: Arc::default(),
            locked: Arc::default(),
        }
    }

    /// Marks `name` as being backed up; `Busy` if it already is.
    pub fn lock(&self, name: &str) -> Result<(), BackupError> {
        match self.locked.lock().unwrap().insert(name.to_string()) {
            true => Ok(()),
            false => Err(BackupError::Busy(name.to_string())),
        }
    }

    /// Ends `lock(name)`.
    pub fn unlock(&self, name: &str) {
        self.locked.lock().unwrap().remove(name);
    }

    /// Creates (or empties) the file `path` at once, then takes 10 ms.
    pub async fn create(&self, path: &str) {
        self.files
            .lock()
            .unwrap()
            .insert(path.to_string(), String::new());
        tokio::time::sleep(OPERATION).await;
    }

    /// After 10 ms, appends `data` to the file `path` (created if missing), or fails with
    /// `Full` if it would then hold more than the capacity.
    pub async fn append(&self, path: &str, data: &str) -> Result<(), BackupError> {
        tokio::time::sleep(OPERATION).await;
        let mut files = self.files.lock().unwrap();
        let file = files.entry(path.to_string()).or_default();
        if file.len() + data.len() > self.capacity {
            return Err(BackupError::Full);
        }
        file.push_str(data);
        Ok(())
    }

    /// After 10 ms, moves the file `from` to `to` (replacing `to`), if `from` exists.
    pub async fn rename(&self, from: &str, to: &str) {
        tokio::time::sleep(OPERATION).await;
        let mut files = self.files.lock().unwrap();
        if let Some(contents) = files.remove(from) {
            files.insert(to.to_string(), contents);
        }
    }

    /// After 10 ms, removes the file `path` if it exists.
    pub async fn remove(&self, path: &str) {
        tokio::time::sleep(OPERATION).await;
        self.remove_blocking(path);
    }

    /// Removes the file `path` at once, if it exists (synchronous: callable from `Drop`).
    pub fn remove_blocking(&self, path: &str) {
        self.files.lock().unwrap().remove(path);
    }

    /// Writes the file `path` at once (synchronous, like `std::fs::write`).
    pub fn write_blocking(&self, path: &str, contents: &str) {
        self.files
            .lock()
            .unwrap()
            .insert(path.to_string(), contents.to_string());
    }

    /// The contents of the file `path`.
    pub fn read(&self, path: &str) -> Option<String> {
        self.files.lock().unwrap().get(path).cloned()
    }

    /// Every file's path, sorted.
    pub fn paths(&self) -> Vec<String> {
        self.files.lock().unwrap().keys().cloned().collect()
    }

    /// Every locked name, sorted.
    pub fn locked(&self) -> Vec<String> {
        self.locked.lock().unwrap().iter().cloned().collect()
    }
}
// begin solution

/// Unlocks its name when dropped.
struct Locked<'a> {
    storage: &'a Storage,
    name: &'a str,
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        self.storage.unlock(self.name);
    }
}

/// Removes its file when dropped (harmless once the file was renamed away).
struct TempFile<'a> {
    storage: &'a Storage,
    path: String,
}

impl Drop for TempFile<'_> {
    fn drop(&mut self) {
        self.storage.remove_blocking(&self.path);
    }
}
// starter:
// end solution

/// Backs up `chunks` under `name` through the temporary file `"{name}.tmp"`, leaving
/// nothing behind wherever it stops.
pub async fn backup(storage: &Storage, name: &str, chunks: &[&str]) -> Result<(), BackupError> {
    // begin solution: lock and arm the guards before the awaits, then create, append, rename
    storage.lock(name)?;
    let _locked = Locked { storage, name };
    let temp = TempFile {
        storage,
        path: format!("{name}.tmp"),
    };
    storage.create(&temp.path).await;
    for chunk in chunks {
        storage.append(&temp.path, chunk).await?;
    }
    storage.rename(&temp.path, name).await;
    Ok(())
    // end solution
}

/// [`backup`], cancelled after `limit`: `Err(TimedOut)` then.
pub async fn backup_within(
    storage: &Storage,
    name: &str,
    chunks: &[&str],
    limit: Duration,
) -> Result<(), BackupError> {
    // begin solution: tokio::time::timeout around backup
    tokio::time::timeout(limit, backup(storage, name, chunks))
        .await
        .unwrap_or(Err(BackupError::TimedOut))
    // end solution
}
