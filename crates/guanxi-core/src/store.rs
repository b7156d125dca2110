//! The storage contract. The browser implements it over IndexedDB; [`MemoryStore`] implements it
//! in memory for native tests. No business rules live behind it: callers validate first.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::model::ids::Id;
use crate::model::records::{AnyRecord, Record, RecordKind};

/// Why a storage call failed, in terms the UI can translate and explain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser refused to store more (quota exceeded or disk full).
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// IndexedDB is missing or refused to open (private mode, disabled storage, …).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The stored database is newer than this build of the app.
    #[error("database version {found} is newer than this app supports ({supported})")]
    VersionTooNew { found: u32, supported: u32 },
    /// Another tab holds an older connection open and blocks the upgrade.
    #[error("database upgrade blocked by another tab")]
    Blocked,
    /// The connection was closed (by the browser or another tab's upgrade).
    #[error("database connection closed")]
    Closed,
    /// A stored value did not decode, or a value could not be encoded.
    #[error("data could not be read or written: {0}")]
    Data(String),
    /// The transaction was aborted; nothing of it was written.
    #[error("write aborted: {name}: {message}")]
    Aborted { name: String, message: String },
    /// A checked write found a stored copy at least as new as the one being written: someone
    /// (another tab, usually) changed the record since this copy was read. Nothing was written.
    #[error(
        "{kind:?} {id} was changed elsewhere (stored revision {stored}, this edit {attempted})"
    )]
    Conflict {
        kind: RecordKind,
        id: Id,
        stored: u32,
        attempted: u32,
    },
    /// A newer version of the app opened the database in another tab and took it over; this
    /// tab must reload before it can read or write again.
    #[error("a newer version of the app took over the database")]
    VersionChanged,
    /// This build is older than the stored database: it may read, never write.
    #[error("read-only: the stored data belongs to a newer version of the app")]
    ReadOnly,
    /// The data is encrypted and the passphrase has not been given in this tab.
    #[error("the data is encrypted and locked")]
    Locked,
    /// An encrypted value failed authentication: it changed or was damaged after it was
    /// written. Nothing was overwritten.
    #[error("an encrypted record failed its integrity check")]
    Tampered,
}

/// Several records written together: all of them or none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// Records to insert or replace (a tombstone is a put with `deleted_at` set).
    pub puts: Vec<AnyRecord>,
    /// Records to remove for good (emptying the trash).
    pub purges: Vec<(RecordKind, Id)>,
    /// Refuse the whole batch if any put is stale: a stored copy with a revision at least the
    /// put's means the record changed since it was read (every edit bumps the revision once).
    /// Set for the user's edits; imports and restores decide record by record themselves.
    pub check_revisions: bool,
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    pub fn put(mut self, record: impl Record) -> Self {
        self.puts.push(record.into_any());
        self
    }

    pub fn purge(mut self, kind: RecordKind, id: Id) -> Self {
        self.purges.push((kind, id));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.purges.is_empty()
    }

    /// The same batch, refused as a whole if any record in it is stale (see `check_revisions`).
    pub fn checked(mut self) -> Self {
        self.check_revisions = true;
        self
    }
}

/// Whether writing `incoming` over `stored` would lose someone else's change.
pub fn stale_write(stored: &AnyRecord, incoming: &AnyRecord) -> Option<StoreError> {
    let (stored_rev, attempted) = (stored.rev(), incoming.rev());
    (stored_rev >= attempted).then(|| StoreError::Conflict {
        kind: incoming.kind(),
        id: incoming.id(),
        stored: stored_rev,
        attempted,
    })
}

/// The small async storage trait. Single-threaded (wasm), so futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// One record by id, tombstoned ones included.
    async fn get<R: Record>(&self, id: Id) -> Result<Option<R>, StoreError>;
    /// Every record of a kind, tombstoned ones included.
    async fn all<R: Record>(&self) -> Result<Vec<R>, StoreError>;
    /// Every record of a kind that belongs to one customer (uses the `by_customer` index).
    async fn by_customer<R: Record>(&self, customer: Id) -> Result<Vec<R>, StoreError>;
    /// Writes a batch in one transaction: afterwards either all of it is stored or none.
    async fn write(&self, batch: Batch) -> Result<(), StoreError>;
}

/// An in-memory [`Store`] for native tests; it keeps the same all-or-nothing promise.
#[derive(Default)]
pub struct MemoryStore {
    data: RefCell<BTreeMap<(RecordKind, Id), AnyRecord>>,
    /// When set, the next write fails after applying this many operations (to test rollback).
    fail_after: RefCell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Makes the next write fail after `n` operations, as a dying transaction would.
    pub fn fail_next_write_after(&self, n: usize) {
        *self.fail_after.borrow_mut() = Some(n);
    }

    pub fn len(&self) -> usize {
        self.data.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.borrow().is_empty()
    }
}

impl Store for MemoryStore {
    async fn get<R: Record>(&self, id: Id) -> Result<Option<R>, StoreError> {
        Ok(self
            .data
            .borrow()
            .get(&(R::KIND, id))
            .cloned()
            .and_then(R::from_any))
    }

    async fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        Ok(self
            .data
            .borrow()
            .range((R::KIND, Id::from_u128(0))..=(R::KIND, Id::from_u128(u128::MAX)))
            .filter_map(|(_, r)| R::from_any(r.clone()))
            .collect())
    }

    async fn by_customer<R: Record>(&self, customer: Id) -> Result<Vec<R>, StoreError> {
        Ok(self
            .all::<R>()
            .await?
            .into_iter()
            .filter(|r| r.customer_id() == customer)
            .collect())
    }

    async fn write(&self, batch: Batch) -> Result<(), StoreError> {
        // Work on a copy and swap it in at the end, so a failure midway leaves nothing behind.
        let mut next = self.data.borrow().clone();
        let fail_after = self.fail_after.borrow_mut().take();
        let injected = || StoreError::Aborted {
            name: "AbortError".into(),
            message: "injected failure".into(),
        };
        if batch.check_revisions {
            for record in &batch.puts {
                if let Some(conflict) = next
                    .get(&(record.kind(), record.id()))
                    .and_then(|stored| stale_write(stored, record))
                {
                    return Err(conflict);
                }
            }
        }
        let mut done = 0usize;
        for record in batch.puts {
            if fail_after == Some(done) {
                return Err(injected());
            }
            next.insert((record.kind(), record.id()), record);
            done += 1;
        }
        for key in batch.purges {
            if fail_after == Some(done) {
                return Err(injected());
            }
            next.remove(&key);
            done += 1;
        }
        *self.data.borrow_mut() = next;
        Ok(())
    }
}
