//! The one write path: every change is one storage transaction, then other tabs hear of it,
//! then the cache is patched (or re-read after bulk changes). Views describe a change as a
//! [`Change`] (built by a core command, which validated it) and hand it to [`Data::commit`].

use super::*;
use guanxi_core::io::backup::{plan_restore, BackupData, RestoreMode, RestoreSummary};
use guanxi_core::store::{Batch, StoreError};
use guanxi_core::{AnyRecord, Id, RecordKind, Settings};
use std::collections::HashSet;

use crate::platform::db::{AttachmentBlob, Db, Durability, Extras};

/// Every kind of change to stored data.
pub enum Change {
    /// A user's edit: revisions are checked against the stored copies (a record changed in
    /// another tab is refused as a conflict, never overwritten), then the cache is patched
    /// record by record. Purged records leave the cache too.
    Edit(Batch),
    /// An edit together with the settings it belongs to (a stage removed and its deals moved).
    EditWithSettings(Batch, Settings),
    /// An edit with attachment files added and removed in the same transaction.
    EditWithFiles {
        batch: Batch,
        add: Vec<AttachmentBlob>,
        remove: Vec<Id>,
    },
    /// The settings that travel with the data.
    Settings(Settings),
    /// Imported records (CSV, vCard): one strict transaction, then everything is re-read.
    Import(Batch),
    /// Demo data: the records and the settings they need, in one strict transaction.
    Seed(Batch, Settings),
    /// A backup merged with (or replacing) what is stored, planned against the stored copy.
    Restore(BackupData, RestoreMode),
    /// Every record, file and setting erased.
    EraseAll,
    /// Encryption at rest turned on or re-keyed (`Some(passphrase)`) or off (`None`).
    Encryption(Option<String>),
}

/// What a committed change reports back.
pub enum Committed {
    Done,
    Restored(RestoreSummary),
}

impl Data {
    /// Shorthand for the most common change, a user's edit.
    pub async fn save(self, batch: Batch) -> Result<(), StoreError> {
        self.commit(Change::Edit(batch)).await.map(|_| ())
    }

    /// Commits a change: one storage transaction, other tabs told, then the cache patched.
    /// Settings it carries count as the newest at once (before the write starts), so the next
    /// edit builds on them; see [`Data::settings_to_edit`].
    pub fn commit(
        self,
        change: Change,
    ) -> impl std::future::Future<Output = Result<Committed, StoreError>> {
        let carries_settings = match &change {
            Change::Settings(s) | Change::EditWithSettings(_, s) => Some(s.clone()),
            _ => None,
        };
        let tracked = carries_settings.is_some();
        if let Some(s) = carries_settings {
            self.settings_in_flight
                .update_value(|(n, newest)| (*n, *newest) = (*n + 1, Some(s)));
        }
        async move {
            let outcome = self.commit_with_progress(change, &|_| {}).await;
            if tracked {
                self.settings_in_flight.update_value(|(n, newest)| {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        *newest = None;
                    }
                });
            }
            outcome
        }
    }

    /// The settings a new settings edit should start from: the newest committed ones, even if
    /// still being written. Reading the cache instead would drop an edit made a moment ago
    /// (a quick Tab through fields that each save on change).
    pub fn settings_to_edit(&self) -> Settings {
        self.settings_in_flight
            .with_value(|(_, newest)| newest.clone())
            .unwrap_or_else(|| self.settings.get_untracked())
    }

    /// Like [`Data::commit`], reporting progress from 0 to 1 (large imports).
    pub async fn commit_with_progress(
        self,
        change: Change,
        on_progress: &dyn Fn(f64),
    ) -> Result<Committed, StoreError> {
        let strict = Durability::Strict;
        match change {
            Change::Edit(batch) => self.edit(batch, Extras::default()).await?,
            Change::EditWithSettings(batch, settings) => {
                let extras = Extras {
                    settings: Some(&settings),
                    ..Default::default()
                };
                self.edit(batch, extras).await?;
                self.settings.set(settings);
            }
            Change::EditWithFiles { batch, add, remove } => {
                let extras = Extras {
                    add_files: &add,
                    remove_files: &remove,
                    ..Default::default()
                };
                self.edit(batch, extras).await?;
            }
            Change::Settings(settings) => {
                let extras = Extras {
                    settings: Some(&settings),
                    ..Default::default()
                };
                self.with_write(|db| async move {
                    db.write_change(&Batch::new(), extras, strict, &|_| {})
                        .await
                })
                .await?;
                self.settings.set(settings);
            }
            Change::Import(batch) => self.bulk(&batch, None, on_progress).await?,
            Change::Seed(batch, settings) => {
                self.bulk(&batch, Some(&settings), on_progress).await?
            }
            Change::Restore(backup, mode) => {
                let backup = &backup;
                // Read, plan and write again after a dropped connection: the local copy the
                // plan merges with must be the one the write lands on.
                let summary = self
                    .with_write(|db| async move {
                        // Leniently: on the recovery screen the local data is what is damaged,
                        // and it must still be replaceable from a backup.
                        let (local, _) = db.read_readable().await;
                        let plan = plan_restore(backup.clone(), &local, mode);
                        db.restore(&plan).await?;
                        Ok(plan.summary)
                    })
                    .await?;
                self.reload().await?;
                return Ok(Committed::Restored(summary));
            }
            Change::EraseAll => {
                self.with_write(|db| async move { db.erase_all().await })
                    .await?;
                self.reload().await?;
            }
            Change::Encryption(passphrase) => self.set_encryption(passphrase.as_deref()).await?,
        }
        Ok(Committed::Done)
    }

    /// Imported or demo records (with the settings demo data needs) in one strict transaction,
    /// then everything re-read: a bulk write patches too much to patch record by record.
    async fn bulk(
        self,
        batch: &Batch,
        settings: Option<&Settings>,
        on_progress: &dyn Fn(f64),
    ) -> Result<(), StoreError> {
        self.with_write(|db| async move {
            let extras = Extras {
                settings,
                ..Default::default()
            };
            db.write_change(batch, extras, Durability::Strict, on_progress)
                .await
        })
        .await?;
        on_progress(1.0);
        self.ask_persistence_once();
        self.reload().await
    }

    /// A checked edit (and its extras) in one transaction, then the cache patched.
    async fn edit(self, batch: Batch, extras: Extras<'_>) -> Result<(), StoreError> {
        let batch = batch.checked();
        let written = &batch;
        self.with_write(|db| async move {
            db.write_change(written, extras, Durability::Strict, &|_| {})
                .await
        })
        .await?;
        let (puts, purges) = (batch.puts, batch.purges);
        self.after_write(puts);
        self.after_purge(&purges);
        Ok(())
    }

    /// Runs a write with the database, reopening and retrying once if the connection was
    /// dropped. A dropped connection writes nothing (the transaction never started or was
    /// aborted whole), so the retry cannot double anything; if it fails again, writes are
    /// blocked with a banner rather than silently lost. Other tabs hear of a committed write;
    /// a write refused as a conflict re-reads the lists.
    pub(super) async fn with_write<T, Fut>(self, op: impl Fn(Db) -> Fut) -> Result<T, StoreError>
    where
        Fut: std::future::Future<Output = Result<T, StoreError>>,
    {
        let db = self.ready_db().await?;
        let first = if self.connection_lost.get_value() {
            Err(StoreError::Closed)
        } else {
            op(db).await
        };
        let outcome = match first {
            Err(StoreError::Closed) => {
                leptos::logging::warn!("storage connection lost; reopening once");
                let sealing = self.db.get_value().and_then(|db| db.sealing());
                let retried = match Db::open().await.map(|db| db.with_sealing(sealing)) {
                    Ok(db) => {
                        self.attach(db.clone());
                        op(db).await
                    }
                    Err(e) => Err(e),
                };
                if let Err(e) = &retried {
                    if !matches!(e, StoreError::QuotaExceeded | StoreError::Conflict { .. }) {
                        self.db.set_value(None);
                        self.status.set(DbStatus::Failed(StoreError::Closed));
                    }
                }
                retried
            }
            other => other,
        };
        match &outcome {
            Ok(_) => self.announce(),
            // A stale edit: show the latest version, which the user's next edit starts from.
            Err(StoreError::Conflict { .. }) => {
                let _ = self.reload().await;
            }
            Err(_) => {}
        }
        outcome
    }

    /// The database for writing, waiting for it if it is still opening: an action taken in the
    /// first moments after load (a quick file pick, a fast click) must not fail for that.
    /// Refused in read-only and recovery modes. Writes go through [`Data::commit`].
    pub(super) async fn ready_db(self) -> Result<Db, StoreError> {
        self.opened().await;
        match self.status.get_untracked() {
            // The recovery screen is the only page shown in recovery mode, and its one write is
            // the restore the user confirms there.
            DbStatus::Ready | DbStatus::Recovery(_) => self.db(),
            DbStatus::ReadOnly(e) | DbStatus::Failed(e) => Err(e),
            DbStatus::Locked => Err(StoreError::Locked),
            DbStatus::Opening => unreachable!("waited for the open above"),
        }
    }

    /// The database for reading (exports included), which read-only and recovery modes allow.
    pub(super) async fn read_db(self) -> Result<Db, StoreError> {
        self.opened().await;
        self.db()
    }

    pub(super) fn db(&self) -> Result<Db, StoreError> {
        match self.db.get_value() {
            Some(db) => Ok(db),
            None => Err(match self.status.get_untracked() {
                DbStatus::Failed(e) | DbStatus::ReadOnly(e) | DbStatus::Recovery(e) => e,
                _ => StoreError::Unavailable("not open yet".into()),
            }),
        }
    }

    pub(super) fn after_purge(&self, purges: &[(RecordKind, Id)]) {
        if purges.is_empty() {
            return;
        }
        let gone: HashSet<_> = purges.iter().copied().collect();
        self.search_index.update_value(|index| {
            for (_, id) in purges {
                index.remove(*id);
            }
        });
        forget(self.customers, &gone);
        forget(self.contacts, &gone);
        forget(self.follow_ups, &gone);
        forget(self.opportunities, &gone);
        forget(self.cases, &gone);
        forget(self.articles, &gone);
        forget(self.campaigns, &gone);
        self.interactions_changed.update(|n| *n += 1);
    }

    pub(super) fn after_write(&self, puts: Vec<AnyRecord>) {
        self.ask_persistence_once();
        let mut interactions = false;
        // The index first, so whatever re-runs on the lists' change finds it current.
        self.search_index.update_value(|index| {
            for record in &puts {
                match record {
                    AnyRecord::Customer(c) => index.upsert(c),
                    AnyRecord::FollowUp(f) => index.upsert(f),
                    AnyRecord::Contact(c) => index.upsert(c),
                    AnyRecord::Opportunity(o) => index.upsert(o),
                    AnyRecord::Case(k) => index.upsert(k),
                    _ => {}
                }
            }
        });
        for record in puts {
            match record {
                AnyRecord::Customer(c) => upsert(self.customers, c),
                AnyRecord::FollowUp(f) => upsert(self.follow_ups, f),
                AnyRecord::Contact(c) => upsert(self.contacts, c),
                AnyRecord::Opportunity(o) => upsert(self.opportunities, o),
                AnyRecord::Case(k) => upsert(self.cases, k),
                AnyRecord::Article(a) => upsert(self.articles, a),
                AnyRecord::Campaign(c) => upsert(self.campaigns, c),
                AnyRecord::Interaction(_) => interactions = true,
            }
        }
        if interactions {
            self.interactions_changed.update(|n| *n += 1);
        }
    }
}
