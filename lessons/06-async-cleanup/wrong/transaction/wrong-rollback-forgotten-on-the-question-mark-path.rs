// Rolls back with an explicit `rollback()` where the transfer sees the problem (too little
// money), but the `?` on an unknown account returns early past it, and nothing rolls back
// in `Drop`.
//
// expect: failed
// message: never rolled back
// message: the early return (`?`) skipped your rollback

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
    changes: BTreeMap<String, i64>,
    committed: bool,
}

impl Transaction {
    /// Waits for the database's lock and begins a transaction (given).
    pub async fn begin(db: &Db) -> Transaction {
        let lock = Arc::clone(&db.lock).lock_owned().await;
        db.log("begin");
        Transaction {
            db: db.clone(),
            _lock: lock,
            changes: BTreeMap::new(),
            committed: false,
        }
    }

    /// The balance this transaction sees: its staged one, else the committed one.
    pub fn balance(&self, name: &str) -> Option<i64> {
        match self.changes.get(name) {
            Some(staged) => Some(*staged),
            None => self.db.balance(name),
        }
    }

    /// Stages a new balance for `name`; the database is unchanged until the commit.
    pub fn set(&mut self, name: &str, balance: i64) {
        self.changes.insert(name.to_string(), balance);
    }

    /// Writes the staged changes, then logs `"commit"`.
    pub async fn commit(mut self) {
        let changes = std::mem::take(&mut self.changes);
        self.db.write(changes).await;
        self.committed = true;
        self.db.log("commit");
    }
}

impl Transaction {
    /// Discards the staged changes and logs "rollback".
    pub fn rollback(mut self) {
        self.changes.clear();
        self.committed = true;
        self.db.log("rollback");
    }
}

/// Moves `amount` from `from` to `to` in one transaction.
pub async fn transfer(db: &Db, from: &str, to: &str, amount: i64) -> Result<(), TransferError> {
    let mut tx = Transaction::begin(db).await;
    let unknown = |name: &str| TransferError::UnknownAccount(name.to_string());
    let from_balance = tx.balance(from).ok_or_else(|| unknown(from))?;
    if from_balance < amount {
        tx.rollback();
        return Err(TransferError::InsufficientFunds {
            account: from.to_string(),
            balance: from_balance,
            amount,
        });
    }
    tx.set(from, from_balance - amount);
    let to_balance = tx.balance(to).ok_or_else(|| unknown(to))?;
    tx.set(to, to_balance + amount);
    tx.commit().await;
    Ok(())
}
