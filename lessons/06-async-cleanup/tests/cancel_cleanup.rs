//! Exercise `cancel_cleanup`: a backup cancelled by a timeout, or dropped after any number
//! of polls (`shared::cancel::at_every_await`), leaves nothing behind: the name unlocked,
//! no temporary file, the old backup intact; and it cleans up by the time it is dropped
//! (a removal spawned from `Drop` is seen still pending, then done later).

use std::cell::RefCell;
use std::time::Duration;

use lesson_06_async_cleanup::cancel_cleanup::{BackupError, Storage, backup, backup_within};
use pretty_assertions::assert_eq;
use shared::cancel::{Stop, at_every_await};

/// A storage holding an older backup of "notes".
fn with_old_notes() -> Storage {
    let storage = Storage::new(100);
    storage.write_blocking("notes", "old");
    storage
}

/// What a cancelled backup of "notes" must have left: nothing but the old backup.
fn leftovers(storage: &Storage) -> Vec<String> {
    let mut left = Vec::new();
    if !storage.locked().is_empty() {
        left.push(format!(
            "{:?} still locked (unlock in a guard's `Drop`)",
            storage.locked()
        ));
    }
    if storage.read("notes.tmp").is_some() {
        left.push(
            "the temporary file \"notes.tmp\" still there (remove it in a guard's `Drop`, \
             with `remove_blocking`; arm that guard before awaiting `create`, which makes \
             the file as soon as it is called)"
                .to_string(),
        );
    }
    let others: Vec<String> = storage
        .paths()
        .into_iter()
        .filter(|path| path != "notes" && path != "notes.tmp")
        .collect();
    if !others.is_empty() {
        left.push(format!("unexpected files {others:?}"));
    }
    left
}

/// The backup phases a timeout of this many milliseconds cancels (2 chunks: 40 ms).
const PHASES: [(u64, &str); 4] = [
    (5, "during `create` (the file already exists)"),
    (15, "during the first `append`"),
    (25, "during the second `append`"),
    (35, "during `rename`"),
];

#[graded::test(tokio, start_paused = true)]
async fn cleanup_is_not_left_to_a_spawned_task() {
    for (limit, phase) in PHASES {
        let storage = with_old_notes();
        let result =
            backup_within(&storage, "notes", &["a", "b"], Duration::from_millis(limit)).await;
        let left = leftovers(&storage);
        if result.is_err() && !left.is_empty() {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if leftovers(&storage).is_empty() {
                panic!(
                    "cancelled by a timeout after {limit} ms ({phase}), the backup cleaned up \
                     only after it had been dropped ({}): the cleanup was spawned from \
                     `Drop`, so it runs later (or never, and outside a runtime the spawn \
                     panics). Clean up synchronously in `drop`: `unlock`, `remove_blocking`",
                    left.join("; ")
                );
            }
        }
    }
}

#[graded::test(tokio, start_paused = true)]
async fn dropped_at_every_await_point_it_leaves_nothing_behind() {
    let current = RefCell::new(with_old_notes());
    at_every_await(
        || {
            // A fresh storage for every run.
            let storage = with_old_notes();
            *current.borrow_mut() = storage.clone();
            async move { backup(&storage, "notes", &["a", "b", "c"]).await }
        },
        |stop: Stop<&Result<(), BackupError>>| {
            let storage = current.borrow();
            let left = leftovers(&storage);
            if !left.is_empty() {
                let phase = match stop.polls() {
                    1 => "in `create`, which has already made the file",
                    2..=4 => "in an `append`",
                    _ => "in `rename`",
                };
                return Err(format!(
                    "cancelled {phase}, the backup left behind: {}. Code after an `.await` \
                     never runs when the future is dropped there: do the cleanup in guards' \
                     `Drop`",
                    left.join("; ")
                ));
            }
            let notes = storage.read("notes");
            let expected = match stop {
                Stop::Completed { output: Ok(()), .. } => Some("abc"),
                Stop::Completed {
                    output: Err(error), ..
                } => {
                    return Err(format!("the backup failed: {error:?}"));
                }
                Stop::Cancelled { .. } => Some("old"),
            };
            match notes.as_deref() == expected {
                true => Ok(()),
                false => Err(format!(
                    "\"notes\" holds {notes:?}, expected {expected:?}: a backup must \
                     appear under its name complete, or not at all"
                )),
            }
        },
    )
    .await;
}

#[graded::test(tokio, start_paused = true)]
async fn a_timeout_cleans_up_at_once() {
    for (limit, phase) in PHASES {
        let storage = with_old_notes();
        let result =
            backup_within(&storage, "notes", &["a", "b"], Duration::from_millis(limit)).await;
        assert_eq!(
            result,
            Err(BackupError::TimedOut),
            "a backup of 2 chunks takes 40 ms: with a limit of {limit} ms, `backup_within` \
             must return Err(TimedOut)"
        );
        let left = leftovers(&storage);
        if !left.is_empty() {
            panic!(
                "cancelled by the timeout after {limit} ms ({phase}), the backup left behind: \
                 {}. Code after an `.await` never runs when the future is dropped at that \
                 `.await`: cleanup placed there (or on the error paths only) is skipped. Put \
                 it in guards whose `Drop` does it",
                left.join("; ")
            );
        }
        assert_eq!(
            storage.read("notes").as_deref(),
            Some("old"),
            "cancelled after {limit} ms ({phase}), the old backup must be untouched: write \
             the new one to \"notes.tmp\" and rename it only at the end"
        );
    }
}

#[graded::test(tokio, start_paused = true)]
async fn a_failed_append_cleans_up_too() {
    let storage = Storage::new(3);
    let result = backup(&storage, "notes", &["ab", "cd"]).await;
    assert_eq!(
        result,
        Err(BackupError::Full),
        "\"abcd\" does not fit in 3 bytes: the second append fails with Full, and `backup` \
         must return that error (`?`)"
    );
    let left = leftovers(&storage);
    assert!(
        left.is_empty(),
        "after the failed append (returned with `?`), the backup left behind: {}",
        left.join("; ")
    );
    assert_eq!(
        storage.paths(),
        Vec::<String>::new(),
        "no backup may appear after a failure"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_busy_name_is_refused_and_stays_locked() {
    let storage = Storage::new(100);
    storage.lock("notes").unwrap();
    let result = backup(&storage, "notes", &["a"]).await;
    assert_eq!(
        result,
        Err(BackupError::Busy("notes".to_string())),
        "\"notes\" is locked by another backup: `storage.lock(name)?` must refuse"
    );
    assert_eq!(
        storage.locked(),
        ["notes"],
        "the backup refused as Busy unlocked the *other* backup's lock: arm the unlock \
         guard only after `lock` has succeeded"
    );
    assert_eq!(
        storage.paths(),
        Vec::<String>::new(),
        "a refused backup writes nothing"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_backup_replaces_the_old_one() {
    let storage = with_old_notes();
    let start = tokio::time::Instant::now();
    assert_eq!(backup(&storage, "notes", &["a", "bc", "d"]).await, Ok(()));
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(50),
        "create, 3 appends and a rename take 10 ms each"
    );
    assert_eq!(storage.read("notes").as_deref(), Some("abcd"));
    assert_eq!(storage.paths(), ["notes"], "only the backup is left");
    assert_eq!(storage.locked(), Vec::<String>::new(), "unlocked when done");
    assert_eq!(
        backup_within(&storage, "notes", &["e"], Duration::from_millis(100)).await,
        Ok(()),
        "a backup that takes 30 ms completes within 100 ms"
    );
    assert_eq!(storage.read("notes").as_deref(), Some("e"));
    assert_eq!(
        backup_within(&storage, "other", &["x"], Duration::from_millis(100)).await,
        Ok(())
    );
    assert_eq!(storage.paths(), ["notes", "other"]);
}

#[graded::test(tokio, start_paused = true)]
async fn a_backup_may_fill_the_capacity_exactly() {
    let storage = Storage::new(5);
    assert_eq!(
        backup(&storage, "notes", &["abc", "de"]).await,
        Ok(()),
        "5 bytes fit in a storage of capacity 5"
    );
    assert_eq!(storage.read("notes").as_deref(), Some("abcde"));
    // The given async `remove` (the one a `Drop` cannot await).
    storage.remove("notes").await;
    assert_eq!(
        storage.paths(),
        Vec::<String>::new(),
        "`remove` removed the file"
    );
}
