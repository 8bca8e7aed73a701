//! Exercise `transaction`: `commit(self)` writes and logs "commit"; every other way out
//! (`?`, an early return, a plain drop, a cancelled commit) rolls back in `Drop`,
//! synchronously, and the lock is released.
//!
//! The journal is checked right after the call returns, without awaiting anything, so a
//! rollback spawned from `Drop` (which would run later) is told apart from a missing one.
//! Cancellation at every await point uses `shared::cancel::at_every_await`.

use std::cell::RefCell;
use std::time::Duration;

use lesson_06_async_cleanup::transaction::{Db, Transaction, TransferError, transfer};
use pretty_assertions::assert_eq;
use shared::cancel::{Stop, at_every_await};
use shared::panics::catch_quietly;

fn bank() -> Db {
    Db::new(&[("alice", 100), ("bob", 20)])
}

/// What the journal must be right after a failed call that returned `Err`.
async fn assert_rolled_back(db: &Db, what: &str) {
    let journal = db.journal();
    if journal == ["begin"] {
        // Nothing yet: a rollback that comes later was spawned.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let later = db.journal();
        assert_eq!(
            later,
            ["begin"],
            "{what}: the rollback was logged only after the call had returned: it was \
             spawned from `Drop`. `Drop` cannot await, and must not spawn: discard the \
             staged changes and `db.log(\"rollback\")` synchronously, in `drop` itself"
        );
        panic!(
            "{what}: the transaction was never rolled back (journal {journal:?}): the early \
             return (`?`) skipped your rollback. Roll back in `impl Drop for Transaction`, \
             which runs on every path that does not commit"
        );
    }
    assert_eq!(
        (db.balance("alice"), db.balance("bob")),
        (Some(100), Some(20)),
        "{what}: a failed transfer changed the balances: stage the changes in the \
         transaction (`set` only remembers them) and write them only in `commit`"
    );
    assert_eq!(
        journal,
        ["begin", "rollback"],
        "{what}: expected the journal [\"begin\", \"rollback\"]"
    );
    assert!(
        !db.in_transaction(),
        "{what}: the database is still locked after the transaction ended"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_question_mark_rolls_back() {
    let db = bank();
    let result = transfer(&db, "alice", "carol", 30).await;
    assert_eq!(
        result,
        Err(TransferError::UnknownAccount("carol".to_string())),
        "`carol` has no account"
    );
    assert_rolled_back(&db, "a transfer to an unknown account (returned by `?`)").await;
}

#[graded::test(tokio, start_paused = true)]
async fn insufficient_funds_roll_back() {
    let db = bank();
    let result = transfer(&db, "bob", "alice", 21).await;
    assert_eq!(
        result,
        Err(TransferError::InsufficientFunds {
            account: "bob".to_string(),
            balance: 20,
            amount: 21
        }),
        "bob holds 20, less than 21"
    );
    assert_rolled_back(&db, "a transfer with insufficient funds").await;
    let db = bank();
    assert_eq!(
        transfer(&db, "nobody", "alice", 1).await,
        Err(TransferError::UnknownAccount("nobody".to_string())),
        "`nobody` has no account"
    );
    assert_rolled_back(&db, "a transfer from an unknown account").await;
}

#[graded::test(tokio, start_paused = true)]
async fn a_committed_transaction_is_not_rolled_back() {
    let db = bank();
    assert_eq!(transfer(&db, "alice", "bob", 30).await, Ok(()));
    assert_eq!(
        db.journal(),
        ["begin", "commit"],
        "a committed transaction must not also roll back when it is dropped (`commit` \
         consumes `self`, so its `Drop` runs at the end of `commit`: mark it committed first)"
    );
    assert_eq!(
        (db.balance("alice"), db.balance("bob")),
        (Some(70), Some(50)),
        "30 moved from alice (100) to bob (20)"
    );
    assert!(
        !db.in_transaction(),
        "the lock must be released after a commit"
    );
    // The whole balance may go.
    assert_eq!(transfer(&db, "alice", "bob", 70).await, Ok(()));
    assert_eq!(
        (db.balance("alice"), db.balance("bob")),
        (Some(0), Some(120))
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_transaction_sees_its_own_staged_changes() {
    let db = bank();
    let mut tx = Transaction::begin(&db).await;
    assert!(db.in_transaction(), "an open transaction holds the lock");
    tx.set("alice", 5);
    tx.set("dave", 7);
    assert_eq!(
        (tx.balance("alice"), tx.balance("bob"), tx.balance("dave")),
        (Some(5), Some(20), Some(7)),
        "`balance` reads the staged balance if there is one, else the committed one"
    );
    assert_eq!(
        (db.balance("alice"), db.balance("dave")),
        (Some(100), None),
        "`set` must only stage: the database changes at the commit"
    );
    tx.commit().await;
    assert_eq!(
        (db.balance("alice"), db.balance("dave")),
        (Some(5), Some(7))
    );
}

#[graded::test]
fn dropping_an_open_transaction_outside_a_runtime_rolls_back() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = bank();
    let mut tx = runtime.block_on(Transaction::begin(&db));
    tx.set("alice", 0);
    // No runtime is entered here: a Drop that spawns panics.
    if let Err(payload) = catch_quietly(move || drop(tx)) {
        panic!(
            "dropping a transaction outside a runtime panicked ({:?}): `Drop` must not call \
             `tokio::spawn` (or anything that needs a runtime); roll back synchronously",
            shared::panics::message(payload.as_ref())
        );
    }
    assert_eq!(
        db.journal(),
        ["begin", "rollback"],
        "a transaction dropped without a commit must log \"rollback\" in its `Drop`"
    );
    assert_eq!(
        db.balance("alice"),
        Some(100),
        "the staged change was discarded"
    );
    assert!(!db.in_transaction(), "the lock must be released");
}

#[graded::test(tokio, start_paused = true)]
async fn a_transfer_cancelled_at_any_await_commits_or_rolls_back() {
    let current = RefCell::new(bank());
    at_every_await(
        || {
            let db = bank();
            *current.borrow_mut() = db.clone();
            async move { transfer(&db, "alice", "bob", 30).await }
        },
        |stop: Stop<&Result<(), TransferError>>| {
            let db = current.borrow();
            let journal = db.journal();
            let entries: Vec<&str> = journal.iter().map(String::as_str).collect();
            let balances = (db.balance("alice"), db.balance("bob"));
            if db.in_transaction() {
                return Err("the database is still locked after the transfer stopped".into());
            }
            let expected = match (&stop, entries.as_slice()) {
                (Stop::Completed { .. }, ["begin", "commit"]) => (Some(70), Some(50)),
                (Stop::Cancelled { .. }, [] | ["begin", "rollback"]) => (Some(100), Some(20)),
                (Stop::Cancelled { .. }, ["begin"]) => {
                    return Err("the transaction was neither committed nor rolled back \
                        (journal [\"begin\"]): was it marked committed before \
                        `db.write(..).await` completed? Mark it only after the write"
                        .into());
                }
                _ => {
                    return Err(format!(
                        "the journal reads {journal:?}: expected [\"begin\", \"commit\"] \
                         for a completed transfer, [\"begin\", \"rollback\"] for a \
                         cancelled one"
                    ));
                }
            };
            if balances != expected {
                return Err(format!(
                    "the balances are {balances:?}, expected {expected:?} (the journal \
                     reads {journal:?})"
                ));
            }
            Ok(())
        },
    )
    .await;
}

#[graded::test(tokio, start_paused = true)]
async fn concurrent_transfers_take_turns() {
    let db = bank();
    let (first, second) = tokio::join!(
        transfer(&db, "alice", "bob", 60),
        transfer(&db, "bob", "alice", 80)
    );
    assert_eq!((first, second), (Ok(()), Ok(())));
    assert_eq!(
        (db.balance("alice"), db.balance("bob")),
        (Some(120), Some(0)),
        "the second transfer must see the first one's committed balances"
    );
    assert_eq!(db.journal(), ["begin", "commit", "begin", "commit"]);
}
