//! App-wide data: the open database and the records the pages list.
//!
//! A change always flows: event → core command (validated) → [`Data::save`] (one storage
//! transaction) → then the in-memory lists are patched. Nothing is shown as saved before the
//! transaction has committed.

use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{AnyRecord, Customer, FollowUp, Record};
use leptos::prelude::*;

use crate::db::Db;

#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready,
    /// Storage could not be opened: the app runs, but nothing can be saved.
    Failed(StoreError),
}

/// The records and connection shared by all pages, provided as context.
#[derive(Clone, Copy)]
pub struct Data {
    db: StoredValue<Option<Db>, LocalStorage>,
    pub status: RwSignal<DbStatus>,
    /// Every customer, trashed ones included (pages filter); loaded once at start.
    pub customers: RwSignal<Vec<Customer>>,
    /// Every follow-up, for the day's-work views.
    pub follow_ups: RwSignal<Vec<FollowUp>>,
    persist_asked: StoredValue<bool>,
}

pub fn use_data() -> Data {
    expect_context::<Data>()
}

impl Data {
    pub fn new() -> Self {
        Data {
            db: StoredValue::new_local(None),
            status: RwSignal::new(DbStatus::Opening),
            customers: RwSignal::new(Vec::new()),
            follow_ups: RwSignal::new(Vec::new()),
            persist_asked: StoredValue::new(false),
        }
    }

    /// Opens the database and loads what the lists need. Failure leaves the app usable
    /// read-only with a banner, never a blank page.
    pub async fn load(self) {
        match Self::open_and_read().await {
            Ok((db, customers, follow_ups)) => {
                self.db.set_value(Some(db));
                self.customers.set(customers);
                self.follow_ups.set(follow_ups);
                self.status.set(DbStatus::Ready);
            }
            Err(e) => {
                leptos::logging::error!("opening storage failed: {e}");
                self.status.set(DbStatus::Failed(e));
            }
        }
    }

    async fn open_and_read() -> Result<(Db, Vec<Customer>, Vec<FollowUp>), StoreError> {
        let db = Db::open().await?;
        let customers = db.all::<Customer>().await?;
        let follow_ups = db.all::<FollowUp>().await?;
        Ok((db, customers, follow_ups))
    }

    pub fn db(&self) -> Result<Db, StoreError> {
        match self.db.get_value() {
            Some(db) => Ok(db),
            None => Err(match self.status.get_untracked() {
                DbStatus::Failed(e) => e,
                _ => StoreError::Unavailable("not open yet".into()),
            }),
        }
    }

    /// Writes a batch in one transaction, then patches the in-memory lists.
    pub async fn save(self, batch: Batch) -> Result<(), StoreError> {
        let db = self.db()?;
        let puts = batch.puts.clone();
        db.write(batch).await?;
        self.ask_persistence_once();
        for record in puts {
            match record {
                AnyRecord::Customer(c) => upsert(self.customers, c),
                AnyRecord::FollowUp(f) => upsert(self.follow_ups, f),
                AnyRecord::Contact(_) | AnyRecord::Interaction(_) => {}
            }
        }
        Ok(())
    }

    /// Browsers may evict storage that is not persistent; ask once, on the first real save,
    /// when the user has shown they mean to keep data here.
    fn ask_persistence_once(&self) {
        if self.persist_asked.get_value() {
            return;
        }
        self.persist_asked.set_value(true);
        if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
            if let Ok(promise) = storage.persist() {
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}

impl Default for Data {
    fn default() -> Self {
        Data::new()
    }
}

/// Replaces the record with the same id, or appends it.
fn upsert<R: Record + Send + Sync>(list: RwSignal<Vec<R>>, record: R) {
    list.update(
        |items| match items.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => items.push(record),
        },
    );
}
