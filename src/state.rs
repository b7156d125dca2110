//! App-wide data: the open database and the records the pages list.
//!
//! A change always flows: event → core command (validated) → [`Data::save`] (one storage
//! transaction) → then the in-memory lists are patched. Nothing is shown as saved before the
//! transaction has committed.

use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{AnyRecord, Contact, Customer, FollowUp, Opportunity, Record, Settings};
use leptos::prelude::*;

use crate::platform::db::Db;

#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready,
    /// The data can be read (and exported) but never written, for the reason given: this build
    /// is older than the stored data, or a newer build in another tab has taken over.
    ReadOnly(StoreError),
    /// The database opened but its records could not be read: the recovery screen offers to
    /// export what is readable and to restore a backup, and nothing is written on its own.
    Recovery(StoreError),
    /// The data is encrypted: nothing is read until the passphrase is given.
    Locked,
    /// Storage could not be opened (or the connection was lost and could not be reopened):
    /// the app runs, but nothing can be saved.
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
    /// Every opportunity, for the board, the list and the forecast.
    pub opportunities: RwSignal<Vec<Opportunity>>,
    /// Owners, care thresholds and limits; saved with the data.
    pub settings: RwSignal<Settings>,
    /// Bumped after every committed write of interactions, so pages that read them refetch.
    pub interactions_changed: RwSignal<u64>,
    persist_asked: StoredValue<bool>,
    /// Set when the browser closed the connection by itself: the next write reopens first.
    connection_lost: StoredValue<bool>,
    /// Tells other tabs of this origin that the data changed, so they re-read it.
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// A re-read asked for by another tab is already scheduled (several writes, one re-read).
    refresh_scheduled: StoredValue<bool>,
    /// Whether the data is encrypted at rest (and unlocked in this tab).
    pub encrypted: RwSignal<bool>,
    /// False when this build is older than the data: unlocking then leads to read-only.
    writable: StoredValue<bool>,
}

/// What one tab tells the others.
const MSG_CHANGED: &str = "changed";
/// Encryption was turned on, off or re-keyed: other tabs must unlock again or drop their key.
const MSG_KEY: &str = "key";

/// The BroadcastChannel name shared by every tab of the app.
const CHANNEL: &str = "guanxi-data";

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
            opportunities: RwSignal::new(Vec::new()),
            settings: RwSignal::new(Settings::default()),
            interactions_changed: RwSignal::new(0),
            persist_asked: StoredValue::new(false),
            connection_lost: StoredValue::new(false),
            channel: StoredValue::new_local(None),
            refresh_scheduled: StoredValue::new(false),
            encrypted: RwSignal::new(false),
            writable: StoredValue::new(true),
        }
    }

    /// Opens the database and loads what the lists need. Failure leaves the app usable
    /// read-only with a banner, never a blank page.
    pub async fn load(self) {
        self.listen_to_other_tabs();
        let (db, writable) = match Db::open().await {
            Ok(db) => (db, true),
            // An older build on newer data: read what it can, write nothing.
            Err(StoreError::VersionTooNew { .. }) => {
                match Db::open_existing(crate::platform::db::DB_NAME).await {
                    Ok(db) => (db, false),
                    Err(e) => return self.fail(e),
                }
            }
            Err(e) => return self.fail(e),
        };
        self.attach(db.clone());
        self.writable.set_value(writable);
        match db.key_info().await {
            Ok(Some(_)) => return self.status.set(DbStatus::Locked),
            Ok(None) => {}
            Err(e) => return self.status.set(DbStatus::Recovery(e)),
        }
        self.finish_load(db).await;
    }

    async fn finish_load(self, db: Db) {
        let writable = self.writable.get_value();
        match Loaded::read(&db).await {
            Ok(loaded) => {
                self.apply(loaded);
                self.status.set(if writable {
                    DbStatus::Ready
                } else {
                    DbStatus::ReadOnly(StoreError::ReadOnly)
                });
            }
            Err(e) => {
                leptos::logging::error!("reading storage failed: {e}");
                self.status.set(DbStatus::Recovery(e));
            }
        }
    }

    /// Unlocks encrypted data with its passphrase. A wrong passphrase reads and writes nothing.
    pub async fn unlock(self, passphrase: &str) -> Result<(), StoreError> {
        let db = self.db()?;
        let info = db.key_info().await?.ok_or(StoreError::Locked)?;
        let cipher = match crate::platform::crypto::Cipher::unlock(passphrase, &info).await {
            Ok(cipher) => cipher,
            Err(crate::platform::crypto::CryptoError::WrongPassphrase) => {
                return Err(StoreError::Locked)
            }
            Err(e) => {
                return Err(StoreError::Aborted {
                    name: "CryptoError".into(),
                    message: format!("{e:?}"),
                })
            }
        };
        let db = db.with_sealing(Some(crate::platform::db::Sealing { cipher, info }));
        self.db.set_value(Some(db.clone()));
        self.encrypted.set(true);
        self.finish_load(db).await;
        Ok(())
    }

    /// Turns encryption on (or re-keys it) with `Some(passphrase)`, or off with `None`: every
    /// record, file and setting is read, then rewritten sealed (or in the clear) in one strict
    /// transaction, so a failure leaves the data exactly as it was.
    pub async fn set_encryption(self, passphrase: Option<&str>) -> Result<(), StoreError> {
        let db = self.ready_db().await?;
        let everything = db.read_everything().await?;
        let sealing = match passphrase {
            None => None,
            Some(p) => {
                let (cipher, info) =
                    crate::platform::crypto::Cipher::create(p)
                        .await
                        .map_err(|e| StoreError::Aborted {
                            name: "CryptoError".into(),
                            message: format!("{e:?}"),
                        })?;
                Some(crate::platform::db::Sealing { cipher, info })
            }
        };
        let target = db.with_sealing(sealing);
        let plan = guanxi_core::backup::plan_restore(
            everything,
            &guanxi_core::backup::BackupData::default(),
            guanxi_core::backup::RestoreMode::Replace,
        );
        target.restore(&plan).await?;
        self.encrypted.set(target.sealing().is_some());
        self.db.set_value(Some(target));
        self.post(MSG_KEY);
        Ok(())
    }

    /// Forgets the key in this tab: the data stays encrypted and the unlock screen returns.
    pub fn lock(self) {
        if let Some(db) = self.db.get_value() {
            self.db.set_value(Some(db.with_sealing(None)));
        }
        self.encrypted.set(false);
        self.customers.set(Vec::new());
        self.contacts.set(Vec::new());
        self.follow_ups.set(Vec::new());
        self.opportunities.set(Vec::new());
        self.status.set(DbStatus::Locked);
    }

    /// Another tab changed the encryption: lock if the data is now encrypted (the key this tab
    /// holds, if any, is no longer the right one), or carry on in the clear.
    async fn key_changed(self) {
        let Ok(db) = self.db() else { return };
        match db.key_info().await {
            Ok(Some(_)) => self.lock(),
            Ok(None) => {
                let plain = db.with_sealing(None);
                self.db.set_value(Some(plain.clone()));
                self.encrypted.set(false);
                if self.status.get_untracked() == DbStatus::Locked {
                    self.finish_load(plain).await;
                } else {
                    let _ = self.reload().await;
                }
            }
            Err(e) => leptos::logging::error!("checking encryption after another tab: {e}"),
        }
    }

    fn fail(self, e: StoreError) {
        leptos::logging::error!("opening storage failed: {e}");
        self.status.set(DbStatus::Failed(e));
    }

    /// Keeps a connection and watches it: another tab's upgrade closes it (this tab turns
    /// read-only until reloaded), and a close by the browser makes the next write reopen.
    fn attach(self, db: Db) {
        db.on_version_change(move || {
            self.db.set_value(None);
            self.status
                .set(DbStatus::ReadOnly(StoreError::VersionChanged));
        });
        db.on_close(move || self.connection_lost.set_value(true));
        self.connection_lost.set_value(false);
        self.db.set_value(Some(db));
    }

    fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if event.data().as_string().as_deref() == Some(MSG_KEY) {
                    leptos::task::spawn_local(self.key_changed());
                } else {
                    self.schedule_refresh();
                }
            },
        );
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
        // The channel lives as long as the page.
        handler.forget();
        self.channel.set_value(Some(channel));
    }

    /// Another tab wrote: re-read once the burst of its messages is over.
    fn schedule_refresh(self) {
        if self.refresh_scheduled.get_value() {
            return;
        }
        self.refresh_scheduled.set_value(true);
        leptos::task::spawn_local(async move {
            crate::platform::db::sleep_ms(50).await;
            self.refresh_scheduled.set_value(false);
            if self.status.get_untracked() == DbStatus::Ready {
                if let Err(e) = self.reload().await {
                    leptos::logging::error!("refresh after another tab's write failed: {e}");
                }
            }
        });
    }

    /// Tells the other tabs that committed data changed.
    fn announce(&self) {
        self.post(MSG_CHANGED);
    }

    fn post(&self, message: &str) {
        if let Some(channel) = self.channel.get_value() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(message));
        }
    }

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

    fn apply(&self, loaded: Loaded) {
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
    async fn ready_db(self) -> Result<Db, StoreError> {
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

    async fn opened(self) {
        while self.status.get_untracked() == DbStatus::Opening {
            crate::platform::db::sleep_ms(25).await;
        }
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
            _ => Some(self.db()),
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
        let o = gone(RK::Opportunity);
        self.opportunities
            .update(|v| v.retain(|r| !o.contains(&r.id)));
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
                AnyRecord::Opportunity(o) => upsert(self.opportunities, o),
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
        crate::platform::prefs::note_first_save(crate::platform::clock::now().millis());
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
    opportunities: Vec<Opportunity>,
    settings: Settings,
}

impl Loaded {
    async fn read(db: &Db) -> Result<Loaded, StoreError> {
        Ok(Loaded {
            customers: db.all::<Customer>().await?,
            follow_ups: db.all::<FollowUp>().await?,
            contacts: db.all::<Contact>().await?,
            opportunities: db.all::<Opportunity>().await?,
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
