// Cleans up by hand, Python `finally:`-style without the `finally`: removes the temporary
// file and unlocks on the error path and at the end. A timeout drops the future at an
// `.await`, and none of that code runs.
//
// expect: failed
// message: when dropped after 1 poll(s)
// message: the backup left behind
// message: still locked

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

/// Backs up `chunks` under `name` through the temporary file `"{name}.tmp"`, leaving
/// nothing behind wherever it stops.
pub async fn backup(storage: &Storage, name: &str, chunks: &[&str]) -> Result<(), BackupError> {
    storage.lock(name)?;
    let temp = format!("{name}.tmp");
    storage.create(&temp).await;
    for chunk in chunks {
        if let Err(error) = storage.append(&temp, chunk).await {
            storage.remove(&temp).await;
            storage.unlock(name);
            return Err(error);
        }
    }
    storage.rename(&temp, name).await;
    storage.unlock(name);
    Ok(())
}

/// [`backup`], cancelled after `limit`: `Err(TimedOut)` then.
pub async fn backup_within(
    storage: &Storage,
    name: &str,
    chunks: &[&str],
    limit: Duration,
) -> Result<(), BackupError> {
    tokio::time::timeout(limit, backup(storage, name, chunks))
        .await
        .unwrap_or(Err(BackupError::TimedOut))
}
