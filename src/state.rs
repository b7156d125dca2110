//! App-wide data: the open database and the records the pages list.
//!
//! A change always flows: event → core command (validated) → [`Data::save`] (one storage
//! transaction) → then the in-memory lists are patched. Nothing is shown as saved before the
//! transaction has committed.

use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{AnyRecord, Contact, Customer, FollowUp, Record, Settings};
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
    /// Every contact, for organisation trees, birthdays and visit plans.
    pub contacts: RwSignal<Vec<Contact>>,
    /// Owners, care thresholds and limits; saved with the data.
    pub settings: RwSignal<Settings>,
    /// Bumped after every committed write of interactions, so pages that read them refetch.
    pub interactions_changed: RwSignal<u64>,
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
            contacts: RwSignal::new(Vec::new()),
            settings: RwSignal::new(Settings::default()),
            interactions_changed: RwSignal::new(0),
            persist_asked: StoredValue::new(false),
        }
    }

    /// Opens the database and loads what the lists need. Failure leaves the app usable
    /// read-only with a banner, never a blank page.
    pub async fn load(self) {
        match Self::open_and_read().await {
            Ok((db, loaded)) => {
                self.db.set_value(Some(db));
                self.apply(loaded);
                self.status.set(DbStatus::Ready);
            }
            Err(e) => {
                leptos::logging::error!("opening storage failed: {e}");
                self.status.set(DbStatus::Failed(e));
            }
        }
    }

    async fn open_and_read() -> Result<(Db, Loaded), StoreError> {
        let db = Db::open().await?;
        let loaded = Loaded::read(&db).await?;
        Ok((db, loaded))
    }

    /// Re-reads everything from storage (after a bulk load or an erase).
    pub async fn reload(self) -> Result<(), StoreError> {
        let loaded = Loaded::read(&self.ready_db().await?).await?;
        self.apply(loaded);
        self.interactions_changed.update(|n| *n += 1);
        Ok(())
    }

    fn apply(&self, loaded: Loaded) {
        self.customers.set(loaded.customers);
        self.follow_ups.set(loaded.follow_ups);
        self.contacts.set(loaded.contacts);
        self.settings.set(loaded.settings);
    }

    pub async fn save_settings(self, settings: Settings) -> Result<(), StoreError> {
        self.ready_db().await?.save_settings(&settings).await?;
        self.settings.set(settings);
        Ok(())
    }

    /// The database, waiting for it if it is still opening: an action taken in the first
    /// moments after load (a quick file pick, a fast click) must not fail for that.
    pub async fn ready_db(self) -> Result<Db, StoreError> {
        while self.status.get_untracked() == DbStatus::Opening {
            crate::db::sleep_ms(25).await;
        }
        self.db()
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

    /// A customer's name for lists of other records (empty if it is gone).
    pub fn customer_name(&self, id: guanxi_core::Id) -> String {
        self.customers.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    }

    /// Runs `fetch` with the database once it is open: `Ok(None)` while opening, so a page
    /// loaded directly shows "loading" and its resource refetches when the open completes.
    pub async fn when_open<T, Fut>(
        db: Option<Result<Db, StoreError>>,
        fetch: impl FnOnce(Db) -> Fut,
    ) -> Result<Option<T>, StoreError>
    where
        Fut: std::future::Future<Output = Result<T, StoreError>>,
    {
        match db {
            None => Ok(None),
            Some(db) => Ok(Some(fetch(db?).await?)),
        }
    }

    /// The database for a resource fetcher: tracks the opening status, so a page loaded directly
    /// waits for the open (`None`) and refetches once it is done.
    pub fn db_when_open(&self) -> Option<Result<Db, StoreError>> {
        match self.status.get() {
            DbStatus::Opening => None,
            DbStatus::Ready => Some(self.db()),
            DbStatus::Failed(e) => Some(Err(e)),
        }
    }

    /// Writes a batch in one transaction, then patches the in-memory lists.
    pub async fn save(self, batch: Batch) -> Result<(), StoreError> {
        let db = self.ready_db().await?;
        let puts = batch.puts.clone();
        db.write(batch).await?;
        self.after_write(puts);
        Ok(())
    }

    /// A large write (demo data, imports): strict durability, one transaction, then a reload.
    pub async fn import(self, batch: Batch) -> Result<(), StoreError> {
        self.ready_db()
            .await?
            .write_with(batch, crate::db::Durability::Strict)
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
        self.ready_db()
            .await?
            .write_with_progress(batch, crate::db::Durability::Strict, &on_progress)
            .await?;
        on_progress(1.0);
        self.ask_persistence_once();
        self.reload().await
    }

    /// Like [`Data::save`], with attachment blobs stored in the same transaction.
    pub async fn save_with_attachments(
        self,
        batch: Batch,
        add: Vec<crate::db::AttachmentBlob>,
        remove: Vec<guanxi_core::Id>,
    ) -> Result<(), StoreError> {
        let db = self.ready_db().await?;
        let puts = batch.puts.clone();
        let purges = batch.purges.clone();
        db.write_with_attachments(batch, &add, &remove).await?;
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

    fn after_purge(&self, purges: &[(guanxi_core::RecordKind, guanxi_core::Id)]) {
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
        self.customers.update(|v| v.retain(|r| !c.contains(&r.id)));
        self.follow_ups.update(|v| v.retain(|r| !f.contains(&r.id)));
        self.contacts.update(|v| v.retain(|r| !p.contains(&r.id)));
        self.interactions_changed.update(|n| *n += 1);
    }

    fn after_write(&self, puts: Vec<AnyRecord>) {
        self.ask_persistence_once();
        let mut interactions = false;
        for record in puts {
            match record {
                AnyRecord::Customer(c) => upsert(self.customers, c),
                AnyRecord::FollowUp(f) => upsert(self.follow_ups, f),
                AnyRecord::Contact(c) => upsert(self.contacts, c),
                AnyRecord::Interaction(_) => interactions = true,
            }
        }
        if interactions {
            self.interactions_changed.update(|n| *n += 1);
        }
    }

    /// Browsers may evict storage that is not persistent; ask once, on the first real save,
    /// when the user has shown they mean to keep data here.
    fn ask_persistence_once(&self) {
        if self.persist_asked.get_value() {
            return;
        }
        crate::prefs::note_first_save(crate::clock::now().millis());
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

/// What the pages keep in memory, read in one go at start.
struct Loaded {
    customers: Vec<Customer>,
    follow_ups: Vec<FollowUp>,
    contacts: Vec<Contact>,
    settings: Settings,
}

impl Loaded {
    async fn read(db: &Db) -> Result<Loaded, StoreError> {
        Ok(Loaded {
            customers: db.all::<Customer>().await?,
            follow_ups: db.all::<FollowUp>().await?,
            contacts: db.all::<Contact>().await?,
            settings: db.settings().await?,
        })
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
