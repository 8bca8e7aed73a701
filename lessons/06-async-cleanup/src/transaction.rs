//! # A transaction: `commit(self)`, or a rollback in `Drop`
//!
//! Write [`Transaction`] and [`transfer`]: a database transaction that is either
//! committed, explicitly, or rolled back, automatically, on every other path: an early
//! `return`, a `?`, a panic, a cancelled future.
//!
//! The [`Db`] is given: committed account balances, a journal of what happened, a write
//! that takes 10 ms ([`Db::write`]), and a lock that lets one transaction run at a time
//! ([`Transaction::begin`], given, takes it and writes `"begin"` to the journal).
//!
//! A transaction *stages* its changes: [`Transaction::set`] changes nothing in the
//! database, it only remembers the new balance; [`Transaction::balance`] reads the staged
//! balance if there is one, else the committed one.
//!
//! - [`Transaction::commit`] takes `self` by value: after a commit the compiler forbids any
//!   further use. It writes the staged changes with `db.write(changes).await`, and only
//!   when that write has completed logs `"commit"` (`db.log("commit")`).
//! - Dropping a transaction that was not committed rolls it back, in [`Drop`]: the staged
//!   changes are discarded and `"rollback"` is logged, at once, synchronously (by the time
//!   `drop` returns). A committed transaction is not rolled back as well. `Drop` cannot
//!   `.await`; do not `tokio::spawn` from it either: the rollback would happen later, or
//!   never, and outside a runtime the spawn panics. A transaction dropped while its
//!   `commit().await` is still pending (a cancelled commit) was not committed: it rolls back.
//! - The lock is released when the transaction is dropped, whichever way it ends (the
//!   guard field does that by itself).
//!
//! [`transfer`] moves `amount` from account `from` to account `to` in one transaction:
//! begin; read `from`'s balance (an unknown account is
//! [`TransferError::UnknownAccount`]); fail with [`TransferError::InsufficientFunds`] if it
//! is below `amount`; stage `from`'s new balance; read `to`'s balance (unknown:
//! `UnknownAccount`); stage `to`'s new balance; commit. Use `?` for the errors: the `Drop`
//! rolls back every early return. A failed transfer leaves the balances unchanged and the
//! journal reads `["begin", "rollback"]`; a successful one `["begin", "commit"]`.
//!
//! ```text
//! let db = Db::new(&[("alice", 100), ("bob", 0)]);
//! transfer(&db, "alice", "bob", 30).await == Ok(())
//! db.balance("alice") == Some(70), db.balance("bob") == Some(30)
//! transfer(&db, "alice", "carol", 10).await == Err(UnknownAccount("carol"))
//! db.balance("alice") == Some(70)   // the staged -10 was rolled back
//! db.journal() == ["begin", "commit", "begin", "rollback"]
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OwnedMutexGuard;

/// Why a transfer failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    /// There is no account with this name.
    #[error("no account named {0}")]
    UnknownAccount(String),
    /// The account holds less than the amount.
    #[error("{account} holds {balance}, less than {amount}")]
    InsufficientFunds {
        account: String,
        balance: i64,
        amount: i64,
    },
}

/// The fake database (given). Cheap to clone: clones share it.
#[derive(Debug, Clone, Default)]
pub struct Db {
    balances: Arc<Mutex<BTreeMap<String, i64>>>,
    journal: Arc<Mutex<Vec<String>>>,
    lock: Arc<tokio::sync::Mutex<()>>,
}

impl Db {
    /// A database with these accounts and balances.
    pub fn new(accounts: &[(&str, i64)]) -> Db {
        let db = Db::default();
        db.balances.lock().unwrap().extend(
            accounts
                .iter()
                .map(|(name, balance)| (name.to_string(), *balance)),
        );
        db
    }

    /// The committed balance of an account.
    pub fn balance(&self, name: &str) -> Option<i64> {
        self.balances.lock().unwrap().get(name).copied()
    }

    /// Everything logged so far, in order.
    pub fn journal(&self) -> Vec<String> {
        self.journal.lock().unwrap().clone()
    }

    /// Whether a transaction holds the lock now.
    pub fn in_transaction(&self) -> bool {
        self.lock.try_lock().is_err()
    }

    /// Appends `entry` to the journal, at once.
    pub fn log(&self, entry: &str) {
        self.journal.lock().unwrap().push(entry.to_string());
    }

    /// Writes these balances; takes 10 ms, and they are written all at once when it
    /// completes (a write cancelled before it completes writes nothing).
    pub async fn write(&self, changes: BTreeMap<String, i64>) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        self.balances.lock().unwrap().extend(changes);
    }
}

/// An open transaction: holds the database's lock until it is dropped.
#[derive(Debug)]
pub struct Transaction {
    db: Db,
    _lock: OwnedMutexGuard<()>,
    // The other fields you need: the staged changes, and whether it was committed.
}

impl Transaction {
    /// Waits for the database's lock and begins a transaction (given).
    pub async fn begin(db: &Db) -> Transaction {
        let lock = Arc::clone(&db.lock).lock_owned().await;
        db.log("begin");
        Transaction {
            db: db.clone(),
            _lock: lock,
            // Your other fields.
        }
    }

    /// The balance this transaction sees: its staged one, else the committed one.
    pub fn balance(&self, name: &str) -> Option<i64> {
        todo!("the staged balance, else the committed one")
    }

    /// Stages a new balance for `name`; the database is unchanged until the commit.
    pub fn set(&mut self, name: &str, balance: i64) {
        todo!("remember the new balance")
    }

    /// Writes the staged changes, then logs `"commit"`.
    pub async fn commit(mut self) {
        todo!("write the changes, and only then mark the transaction committed")
    }
}

// The rollback: `impl Drop for Transaction`.

/// Moves `amount` from `from` to `to` in one transaction.
pub async fn transfer(db: &Db, from: &str, to: &str, amount: i64) -> Result<(), TransferError> {
    todo!("begin, check, stage both balances with `?` for the errors, commit")
}
