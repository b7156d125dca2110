//! The one write path: every change is one storage transaction, then other tabs hear of it,
//! then the cache is patched (or re-read after bulk changes).

use super::*;
use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{AnyRecord, Settings};

use crate::platform::db::Db;

impl Data {
    /// Runs a write with the database, reopening and retrying once if the connection was
    /// dropped. A dropped connection writes nothing (the transaction never started or was
    /// aborted whole), so the retry cannot double anything; if it fails again, writes are
    /// blocked with a banner rather than silently lost. Other tabs hear of a committed write;
    /// a write refused as a conflict re-reads the lists.
    pub async fn with_write<T, Fut>(self, op: impl Fn(Db) -> Fut) -> Result<T, StoreError>
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

    /// Re-reads everything from storage (after a bulk load or an erase).
    /// Clean data also ends recovery mode (after a restore on the recovery screen).
    pub async fn reload(self) -> Result<(), StoreError> {
        let loaded = Loaded::read(&self.read_db().await?).await?;
        self.apply(loaded);
        self.interactions_changed.update(|n| *n += 1);
        if matches!(self.status.get_untracked(), DbStatus::Recovery(_)) {
            self.status.set(DbStatus::Ready);
        }
        Ok(())
    }

    pub(super) fn apply(&self, loaded: Loaded) {
        self.customers.set(loaded.customers);
        self.follow_ups.set(loaded.follow_ups);
        self.contacts.set(loaded.contacts);
        self.opportunities.set(loaded.opportunities);
        self.settings.set(loaded.settings);
    }

    pub async fn save_settings(self, settings: Settings) -> Result<(), StoreError> {
        let saving = &settings;
        self.with_write(|db| async move { db.save_settings(saving).await })
            .await?;
        self.settings.set(settings);
        Ok(())
    }

    /// The database for writing, waiting for it if it is still opening: an action taken in the
    /// first moments after load (a quick file pick, a fast click) must not fail for that.
    /// Refused in read-only and recovery modes. Writes go through [`Data::with_write`].
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
    pub async fn read_db(self) -> Result<Db, StoreError> {
        self.opened().await;
        self.db()
    }

    pub fn db(&self) -> Result<Db, StoreError> {
        match self.db.get_value() {
            Some(db) => Ok(db),
            None => Err(match self.status.get_untracked() {
                DbStatus::Failed(e) | DbStatus::ReadOnly(e) | DbStatus::Recovery(e) => e,
                _ => StoreError::Unavailable("not open yet".into()),
            }),
        }
    }

    /// Writes a batch in one transaction, then patches the in-memory lists.
    /// The user's edits are checked: a record changed in another tab since this copy was read
    /// is refused as a conflict (and the lists re-read), never silently overwritten.
    pub async fn save(self, batch: Batch) -> Result<(), StoreError> {
        let batch = batch.checked();
        let written = &batch;
        self.with_write(|db| async move { db.write(written.clone()).await })
            .await?;
        self.after_write(batch.puts);
        Ok(())
    }

    /// A large write (demo data, imports): strict durability, one transaction, then a reload.
    pub async fn import(self, batch: Batch) -> Result<(), StoreError> {
        let written = &batch;
        self.with_write(|db| async move {
            db.write_with(written.clone(), crate::platform::db::Durability::Strict)
                .await
        })
        .await?;
        self.ask_persistence_once();
        Ok(())
    }

    /// An import with a progress bar: one strict transaction, then everything is re-read.
    pub async fn import_with_progress(
        self,
        batch: Batch,
        on_progress: impl Fn(f64),
    ) -> Result<(), StoreError> {
        let (written, progress) = (&batch, &on_progress);
        self.with_write(|db| async move {
            db.write_with_progress(
                written.clone(),
                crate::platform::db::Durability::Strict,
                progress,
            )
            .await
        })
        .await?;
        on_progress(1.0);
        self.ask_persistence_once();
        self.reload().await
    }

    /// Like [`Data::save`], with attachment blobs stored in the same transaction.
    pub async fn save_with_attachments(
        self,
        batch: Batch,
        add: Vec<crate::platform::db::AttachmentBlob>,
        remove: Vec<guanxi_core::Id>,
    ) -> Result<(), StoreError> {
        let batch = batch.checked();
        let (written, add, remove) = (&batch, &add, &remove);
        self.with_write(|db| async move {
            db.write_with_attachments(written.clone(), add, remove)
                .await
        })
        .await?;
        let (puts, purges) = (batch.puts, batch.purges);
        self.after_write(puts);
        self.after_purge(&purges);
        Ok(())
    }

    /// Writes a batch that also removes records for good, then drops them from memory.
    pub async fn save_and_purge(self, batch: Batch) -> Result<(), StoreError> {
        let purges = batch.purges.clone();
        self.save(batch).await?;
        self.after_purge(&purges);
        Ok(())
    }

    pub(super) fn after_purge(&self, purges: &[(guanxi_core::RecordKind, guanxi_core::Id)]) {
        use guanxi_core::RecordKind as RK;
        if purges.is_empty() {
            return;
        }
        let gone = |kind: RK| -> std::collections::HashSet<guanxi_core::Id> {
            purges
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect()
        };
        let (c, f, p) = (gone(RK::Customer), gone(RK::FollowUp), gone(RK::Contact));
        let o = gone(RK::Opportunity);
        self.opportunities
            .update(|v| v.retain(|r| !o.contains(&r.id)));
        self.customers.update(|v| v.retain(|r| !c.contains(&r.id)));
        self.follow_ups.update(|v| v.retain(|r| !f.contains(&r.id)));
        self.contacts.update(|v| v.retain(|r| !p.contains(&r.id)));
        self.interactions_changed.update(|n| *n += 1);
    }

    pub(super) fn after_write(&self, puts: Vec<AnyRecord>) {
        self.ask_persistence_once();
        let mut interactions = false;
        for record in puts {
            match record {
                AnyRecord::Customer(c) => upsert(self.customers, c),
                AnyRecord::FollowUp(f) => upsert(self.follow_ups, f),
                AnyRecord::Contact(c) => upsert(self.contacts, c),
                AnyRecord::Opportunity(o) => upsert(self.opportunities, o),
                AnyRecord::Interaction(_) => interactions = true,
            }
        }
        if interactions {
            self.interactions_changed.update(|n| *n += 1);
        }
    }
}
