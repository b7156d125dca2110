//! The one adapter between Guanxi and IndexedDB.
//!
//! It implements the core's [`Store`] trait and nothing else: no business rules live here.
//! Rules it keeps for the data's sake:
//! - every batch is one `readwrite` transaction, and every value is encoded *before* the
//!   transaction starts, because awaiting anything that is not an IndexedDB request inside a
//!   transaction lets the browser auto-commit it half done;
//! - the schema only moves forward through the numbered [`MIGRATIONS`], each run inside the
//!   browser's own upgrade transaction, so a failing migration leaves the old version intact.

pub mod backup;

use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{AnyRecord, Id, Record, RecordKind};
use idb::{Database, Factory, KeyPath, ObjectStoreParams, Query, TransactionMode};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// The production database's name.
pub const DB_NAME: &str = "guanxi";

/// One schema step. It runs inside the upgrade transaction, with the database as it was after
/// the previous step. Steps are append-only: never edit one that has shipped.
pub type Migration = fn(&Database, &idb::Transaction) -> Result<(), idb::Error>;

/// Numbered migrations: entry `n - 1` upgrades version `n - 1` to version `n`.
pub const MIGRATIONS: &[Migration] = &[
    migrate_1_initial_stores,
    migrate_2_date_indexes,
    migrate_3_settings_and_attachments,
    migrate_4_opportunities,
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

const BY_CUSTOMER: &str = "by_customer";
const BY_UPDATED: &str = "by_updated";
/// Follow-ups by due date, for the overdue / today / next-7-days views.
pub const BY_DUE: &str = "by_due";
/// Interactions by time, for the daily report.
pub const BY_AT: &str = "by_at";

fn migrate_1_initial_stores(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    // The kinds that existed at version 1, spelled out: `RecordKind::ALL` grows with later
    // versions, and a shipped step must keep doing exactly what it did.
    let kinds = [
        RecordKind::Customer,
        RecordKind::Contact,
        RecordKind::Interaction,
        RecordKind::FollowUp,
    ];
    for kind in kinds {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        let store = db.create_object_store(kind.store_name(), params)?;
        store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
        if kind != RecordKind::Customer {
            store.create_index(BY_CUSTOMER, KeyPath::new_single("customer_id"), None)?;
        }
    }
    Ok(())
}

fn migrate_2_date_indexes(_db: &Database, tx: &idb::Transaction) -> Result<(), idb::Error> {
    // Existing stores are only reachable through the upgrade transaction.
    tx.object_store(RecordKind::FollowUp.store_name())?
        .create_index(BY_DUE, KeyPath::new_single("due"), None)?;
    tx.object_store(RecordKind::Interaction.store_name())?
        .create_index(BY_AT, KeyPath::new_single("at"), None)?;
    Ok(())
}

/// Opportunities by close date, for the forecast by month.
pub const BY_CLOSE: &str = "by_close";

fn migrate_4_opportunities(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let store = db.create_object_store(RecordKind::Opportunity.store_name(), params)?;
    store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
    store.create_index(BY_CUSTOMER, KeyPath::new_single("customer_id"), None)?;
    store.create_index(BY_CLOSE, KeyPath::new_single("expected_close"), None)?;
    Ok(())
}

/// How hard the browser must work to keep a write: `Strict` waits for the disk flush before the
/// transaction reports success (imports, restores); `Default` lets the browser choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Default,
    Strict,
}

/// App settings that travel with the data (owners, care thresholds): one value, one key.
pub const SETTINGS_STORE: &str = "settings";
pub const SETTINGS_KEY: &str = "settings";
/// Attachment bytes, kept apart from interactions so lists never load blobs.
pub const ATTACHMENTS_STORE: &str = "attachments";
const BY_INTERACTION: &str = "by_interaction";
/// Every store, for erasing and for replacing everything with a backup.
pub const ALL_STORES: [&str; 7] = [
    "customers",
    "contacts",
    "interactions",
    "follow_ups",
    "opportunities",
    SETTINGS_STORE,
    ATTACHMENTS_STORE,
];

fn migrate_3_settings_and_attachments(
    db: &Database,
    _tx: &idb::Transaction,
) -> Result<(), idb::Error> {
    db.create_object_store(SETTINGS_STORE, ObjectStoreParams::new())?;
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    db.create_object_store(ATTACHMENTS_STORE, params)?
        .create_index(BY_INTERACTION, KeyPath::new_single("interaction_id"), None)?;
    Ok(())
}

/// An attachment's bytes with the reference the interaction keeps.
#[derive(Clone, Debug)]
pub struct AttachmentBlob {
    pub reference: guanxi_core::AttachmentRef,
    pub interaction_id: Id,
    pub blob: web_sys::Blob,
}

impl AttachmentBlob {
    fn to_js(&self) -> Result<JsValue, StoreError> {
        let object = encode(&self.reference)?;
        let set = |key: &str, value: &JsValue| {
            js_sys::Reflect::set(&object, &key.into(), value).map_err(|e| js_error(&e))
        };
        set(
            "interaction_id",
            &JsValue::from_str(&self.interaction_id.to_string()),
        )?;
        set("blob", self.blob.as_ref())?;
        Ok(object)
    }
}

/// An open connection to Guanxi's database. Cloning shares the one connection.
#[derive(Clone)]
pub struct Db {
    raw: web_sys::IdbDatabase,
    /// Set when the data is encrypted and unlocked: every value is sealed before its
    /// transaction starts and opened after its read has finished.
    sealing: Option<Sealing>,
}

/// The key in use and the information stored next to the data to check it.
#[derive(Clone)]
pub struct Sealing {
    pub cipher: crate::platform::crypto::Cipher,
    pub info: guanxi_core::sealed::KeyInfo,
}

/// Where the key information lives: the settings store, next to the settings, in the clear.
pub const KEY_INFO_KEY: &str = "encryption";

impl Db {
    /// Opens (creating or upgrading as needed) the production database.
    pub async fn open() -> Result<Db, StoreError> {
        Db::open_named(DB_NAME, latest_version()).await
    }

    /// Opens a database by name at a given schema version. Tests use older versions to build
    /// fixtures of what earlier releases left behind.
    pub async fn open_named(name: &str, version: u32) -> Result<Db, StoreError> {
        Db::open_with(name, version, MIGRATIONS).await
    }

    /// Opens with an explicit migration list; tests pass one with a failing step to prove a
    /// broken upgrade leaves the previous version untouched.
    pub async fn open_with(
        name: &str,
        version: u32,
        migrations: &'static [Migration],
    ) -> Result<Db, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let mut request = factory
            .open(name, Some(version))
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let blocked_flag = blocked.clone();
        request.on_blocked(move |_| blocked_flag.set(true));
        let upgrade_error = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
        let upgrade_error_slot = upgrade_error.clone();
        request.on_upgrade_needed(move |event| {
            if let Err(e) = run_migrations(&event, migrations) {
                // Aborting the upgrade transaction makes the open fail and keeps the old version.
                if let Ok(req) = idb::Event::target(&event) {
                    if let Some(tx) = idb::Request::transaction(&req) {
                        let _ = tx.abort();
                    }
                }
                *upgrade_error_slot.borrow_mut() = Some(describe(&e));
            }
        });
        match request.await {
            Ok(db) => Ok(Db {
                raw: db.into(),
                sealing: None,
            }),
            Err(e) => {
                if let Some(message) = upgrade_error.borrow_mut().take() {
                    return Err(StoreError::Aborted {
                        name: "MigrationError".into(),
                        message,
                    });
                }
                let (name, message) = exception_of(&e);
                Err(match name.as_str() {
                    "VersionError" => StoreError::VersionTooNew {
                        found: 0,
                        supported: version,
                    },
                    _ if blocked.get() => StoreError::Blocked,
                    _ => StoreError::Unavailable(format!("{name}: {message}")),
                })
            }
        }
    }

    /// Opens an existing database at whatever version it has, without upgrading it: how an
    /// older build still reads data a newer build has upgraded (and must then not write).
    pub async fn open_existing(name: &str) -> Result<Db, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let request = factory
            .open(name, None)
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        match request.await {
            Ok(db) => Ok(Db {
                raw: db.into(),
                sealing: None,
            }),
            Err(e) => Err(StoreError::Unavailable(describe(&e))),
        }
    }

    /// Runs `f` after another tab asks for a newer schema. The connection closes first, so the
    /// other tab's upgrade goes ahead instead of being blocked by this one.
    pub fn on_version_change(&self, f: impl Fn() + 'static) {
        let raw = self.raw.clone();
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |_: web_sys::Event| {
                raw.close();
                f();
            },
        );
        self.raw
            .set_onversionchange(Some(handler.as_ref().unchecked_ref()));
        // Lives as long as the connection, which is the page's lifetime.
        handler.forget();
    }

    /// Runs `f` when the browser closes the connection on its own (storage cleared, disk
    /// error); a close this code asks for does not fire it.
    pub fn on_close(&self, f: impl Fn() + 'static) {
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |_: web_sys::Event| f(),
        );
        self.raw.set_onclose(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
    }

    /// Deletes a database by name (tests, and "erase all data").
    pub async fn delete_named(name: &str) -> Result<(), StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(describe(&e)))?;
        factory
            .delete(name)
            .map_err(|e| StoreError::Unavailable(describe(&e)))?
            .await
            .map_err(|e| StoreError::Unavailable(describe(&e)))
    }

    /// The same connection, reading and writing with `sealing` (or in the clear with `None`).
    pub fn with_sealing(&self, sealing: Option<Sealing>) -> Db {
        Db {
            raw: self.raw.clone(),
            sealing,
        }
    }

    pub fn sealing(&self) -> Option<Sealing> {
        self.sealing.clone()
    }

    /// The stored key information: `Some` when the data is encrypted.
    pub async fn key_info(&self) -> Result<Option<guanxi_core::sealed::KeyInfo>, StoreError> {
        let tx = self.transaction(&[SETTINGS_STORE], TransactionMode::ReadOnly)?;
        let value = tx
            .object_store(SETTINGS_STORE)
            .map_err(to_store_error)?
            .get(JsValue::from_str(KEY_INFO_KEY))
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        value
            .map(|v| serde_wasm_bindgen::from_value(v).map_err(|e| StoreError::Data(e.to_string())))
            .transpose()
    }

    /// Encodes a record for storage, sealed when the data is encrypted: the fields the indexes
    /// need stay readable, the whole record goes into the ciphertext.
    pub async fn seal_record(&self, record: &AnyRecord) -> Result<JsValue, StoreError> {
        let plain = encode_any(record)?;
        let Some(sealing) = &self.sealing else {
            return Ok(plain);
        };
        let json = any_json(record)?;
        let clear = js_sys::Object::new();
        for field in guanxi_core::sealed::clear_fields(record.kind()) {
            let value = js_sys::Reflect::get(&plain, &JsValue::from_str(field))
                .map_err(|e| js_error(&e))?;
            if !value.is_undefined() {
                js_sys::Reflect::set(&clear, &JsValue::from_str(field), &value)
                    .map_err(|e| js_error(&e))?;
            }
        }
        js_sys::Reflect::set(&clear, &"enc".into(), &sealing.seal_js(&json).await?)
            .map_err(|e| js_error(&e))?;
        Ok(clear.into())
    }

    /// Decodes a stored record, opening it first if it is sealed.
    pub async fn open_record<R: Record>(&self, value: JsValue) -> Result<R, StoreError> {
        let enc = js_sys::Reflect::get(&value, &"enc".into()).unwrap_or(JsValue::UNDEFINED);
        if enc.is_undefined() {
            return decode(value);
        }
        let sealing = self.sealing.as_ref().ok_or(StoreError::Locked)?;
        let plain = sealing.open_js(&enc).await?;
        let record: R =
            serde_json::from_slice(&plain).map_err(|e| StoreError::Data(e.to_string()))?;
        // A sealed record moved onto another record's key (swapped ciphertexts) decrypts
        // fine; the readable id must match the sealed one.
        let clear_id = js_sys::Reflect::get(&value, &"id".into())
            .ok()
            .and_then(|v| v.as_string());
        if clear_id.as_deref() != Some(record.id().to_string().as_str()) {
            return Err(StoreError::Tampered);
        }
        Ok(record)
    }

    async fn open_records<R: Record>(&self, values: Vec<JsValue>) -> Result<Vec<R>, StoreError> {
        if self.sealing.is_none() {
            // The load path: decode synchronously. A sealed value here means locked data.
            return values
                .into_iter()
                .map(|v| {
                    let sealed = js_sys::Reflect::get(&v, &"enc".into())
                        .is_ok_and(|enc| !enc.is_undefined());
                    if sealed {
                        Err(StoreError::Locked)
                    } else {
                        decode(v)
                    }
                })
                .collect();
        }
        let mut out = Vec::with_capacity(values.len());
        for chunk in values.chunks(ENCODE_CHUNK) {
            // WebCrypto works off the main thread: start a chunk of decryptions, then collect.
            let opened =
                futures::future::join_all(chunk.iter().map(|v| self.open_record(v.clone()))).await;
            for r in opened {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// Seals many records, a chunk of encryptions at a time.
    pub(crate) async fn seal_records(
        &self,
        records: &[AnyRecord],
        on_progress: &dyn Fn(f64),
    ) -> Result<Vec<(&'static str, JsValue)>, StoreError> {
        let total = records.len().max(1) as f64;
        let mut out = Vec::with_capacity(records.len());
        for (i, chunk) in records.chunks(ENCODE_CHUNK).enumerate() {
            if i > 0 {
                on_progress(0.9 * (i * ENCODE_CHUNK) as f64 / total);
                yield_to_browser().await;
            }
            if self.sealing.is_none() {
                for r in chunk {
                    out.push((r.kind().store_name(), encode_any(r)?));
                }
            } else {
                let sealed =
                    futures::future::join_all(chunk.iter().map(|r| self.seal_record(r))).await;
                for (r, v) in chunk.iter().zip(sealed) {
                    out.push((r.kind().store_name(), v?));
                }
            }
        }
        Ok(out)
    }

    /// A plain value (settings, attachment details) for storage, sealed when encrypted.
    pub async fn seal_plain<T: Serialize>(&self, value: &T) -> Result<JsValue, StoreError> {
        match &self.sealing {
            None => encode(value),
            Some(sealing) => {
                let json =
                    serde_json::to_vec(value).map_err(|e| StoreError::Data(e.to_string()))?;
                let object = js_sys::Object::new();
                js_sys::Reflect::set(&object, &"enc".into(), &sealing.seal_js(&json).await?)
                    .map_err(|e| js_error(&e))?;
                Ok(object.into())
            }
        }
    }

    /// The inverse of [`Db::seal_plain`].
    pub async fn open_plain<T: for<'de> serde::Deserialize<'de>>(
        &self,
        value: JsValue,
    ) -> Result<T, StoreError> {
        let enc = js_sys::Reflect::get(&value, &"enc".into()).unwrap_or(JsValue::UNDEFINED);
        if enc.is_undefined() {
            return serde_wasm_bindgen::from_value(value)
                .map_err(|e| StoreError::Data(e.to_string()));
        }
        let sealing = self.sealing.as_ref().ok_or(StoreError::Locked)?;
        let plain = sealing.open_js(&enc).await?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Data(e.to_string()))
    }

    pub fn version(&self) -> u32 {
        self.raw.version() as u32
    }

    pub fn store_names(&self) -> Vec<String> {
        let list = self.raw.object_store_names();
        (0..list.length()).filter_map(|i| list.get(i)).collect()
    }

    pub fn close(&self) {
        self.raw.close();
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<idb::Transaction, StoreError> {
        Database::from(self.raw.clone())
            .transaction(stores, mode)
            .map_err(to_store_error)
    }

    /// A read-write transaction with the given durability, as the raw handle (to read its error
    /// after an abort) and the crate's wrapper (to issue requests).
    fn write_transaction(
        &self,
        stores: &[&str],
        durability: Durability,
    ) -> Result<(web_sys::IdbTransaction, idb::Transaction), StoreError> {
        let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        // `IDBTransactionOptions` is behind web-sys's unstable flag; the call is plain JS.
        let options = js_sys::Object::new();
        let level = match durability {
            Durability::Default => "default",
            Durability::Strict => "strict",
        };
        js_sys::Reflect::set(&options, &"durability".into(), &level.into())
            .map_err(|e| js_error(&e))?;
        let open: js_sys::Function = js_sys::Reflect::get(&self.raw, &"transaction".into())
            .and_then(|f| f.dyn_into())
            .map_err(|e| js_error(&e))?;
        let raw: web_sys::IdbTransaction = open
            .call3(&self.raw, &names, &"readwrite".into(), &options)
            .and_then(|t| t.dyn_into())
            .map_err(|e| js_error(&e))?;
        Ok((raw.clone(), idb::Transaction::from(raw)))
    }

    /// All records of a kind whose index `index` equals `key`.
    pub async fn by_index<R: Record>(
        &self,
        index: &str,
        query: Query,
    ) -> Result<Vec<R>, StoreError> {
        let name = R::KIND.store_name();
        let tx = self.transaction(&[name], TransactionMode::ReadOnly)?;
        let store = tx.object_store(name).map_err(to_store_error)?;
        let values = store
            .index(index)
            .map_err(to_store_error)?
            .get_all(Some(query), None)
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        self.open_records(values).await
    }

    /// Follow-ups due between two dates (inclusive), as `YYYY-MM-DD` strings.
    pub async fn follow_ups_due_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<guanxi_core::FollowUp>, StoreError> {
        let range = idb::KeyRange::bound(
            &JsValue::from_str(&from.to_string()),
            &JsValue::from_str(&to.to_string()),
            Some(false),
            Some(false),
        )
        .map_err(to_store_error)?;
        self.by_index(BY_DUE, Query::KeyRange(range)).await
    }
}

impl Db {
    /// Interactions whose local time falls on `day`, through the by-time index.
    pub async fn interactions_on(
        &self,
        day: chrono::NaiveDate,
    ) -> Result<Vec<guanxi_core::Interaction>, StoreError> {
        // `at` is stored as "YYYY-MM-DDTHH:MM:SS", so the day is a string range.
        let range = idb::KeyRange::bound(
            &JsValue::from_str(&format!("{day}T00:00:00")),
            &JsValue::from_str(&format!("{day}T23:59:59.999999999")),
            Some(false),
            Some(false),
        )
        .map_err(to_store_error)?;
        self.by_index(BY_AT, Query::KeyRange(range)).await
    }
}

fn run_migrations(
    event: &idb::event::VersionChangeEvent,
    migrations: &[Migration],
) -> Result<(), idb::Error> {
    let old = event.old_version()?;
    let new = event.new_version()?.unwrap_or(old);
    let request = idb::Event::target(event)?;
    let db = request.database()?;
    let tx = idb::Request::transaction(&request).ok_or(idb::Error::EventTargetNotFound)?;
    for version in old + 1..=new {
        let step = migrations
            .get(version as usize - 1)
            .ok_or(idb::Error::InvalidStorageType)?;
        step(&db, &tx)?;
    }
    Ok(())
}

/// Records encoded between two yields to the browser.
pub const ENCODE_CHUNK: usize = 2_000;

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser render and handle input (a macrotask, unlike a resolved promise).
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Encodes a record as a plain JS object (maps as objects, 64-bit numbers as numbers).
pub fn encode<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Data(e.to_string()))
}

fn decode<R: Record>(value: JsValue) -> Result<R, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Data(e.to_string()))
}

fn checks_of(batch: &Batch) -> Vec<Check> {
    if !batch.check_revisions {
        return Vec::new();
    }
    batch
        .puts
        .iter()
        .map(|r| Check {
            kind: r.kind(),
            id: r.id(),
            attempted: r.rev(),
        })
        .collect()
}

pub fn encode_any(record: &AnyRecord) -> Result<JsValue, StoreError> {
    match record {
        AnyRecord::Customer(r) => encode(r),
        AnyRecord::Contact(r) => encode(r),
        AnyRecord::Interaction(r) => encode(r),
        AnyRecord::FollowUp(r) => encode(r),
        AnyRecord::Opportunity(r) => encode(r),
    }
}

fn any_json(record: &AnyRecord) -> Result<Vec<u8>, StoreError> {
    let json = match record {
        AnyRecord::Customer(r) => serde_json::to_vec(r),
        AnyRecord::Contact(r) => serde_json::to_vec(r),
        AnyRecord::Interaction(r) => serde_json::to_vec(r),
        AnyRecord::FollowUp(r) => serde_json::to_vec(r),
        AnyRecord::Opportunity(r) => serde_json::to_vec(r),
    };
    json.map_err(|e| StoreError::Data(e.to_string()))
}

fn crypto_error(e: crate::platform::crypto::CryptoError) -> StoreError {
    use crate::platform::crypto::CryptoError as C;
    match e {
        C::Tampered => StoreError::Tampered,
        C::WrongPassphrase => StoreError::Locked,
        C::Unsupported => StoreError::Unavailable("WebCrypto is not available".into()),
        C::Other(message) => StoreError::Aborted {
            name: "CryptoError".into(),
            message,
        },
    }
}

impl Sealing {
    /// `{iv, ct}` as byte arrays, for a stored value's `enc` field.
    pub async fn seal_js(&self, plain: &[u8]) -> Result<JsValue, StoreError> {
        let (iv, ct) = self.cipher.seal(plain).await.map_err(crypto_error)?;
        let enc = js_sys::Object::new();
        let set = |k: &str, v: &[u8]| {
            js_sys::Reflect::set(&enc, &k.into(), &js_sys::Uint8Array::from(v).into())
                .map_err(|e| js_error(&e))
        };
        set("iv", &iv)?;
        set("ct", &ct)?;
        Ok(enc.into())
    }

    pub async fn open_js(&self, enc: &JsValue) -> Result<Vec<u8>, StoreError> {
        let bytes = |k: &str| -> Result<Vec<u8>, StoreError> {
            js_sys::Reflect::get(enc, &k.into())
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
                .map(|a| a.to_vec())
                .ok_or(StoreError::Tampered)
        };
        self.cipher
            .open(&bytes("iv")?, &bytes("ct")?)
            .await
            .map_err(crypto_error)
    }
}

/// The DOMException name and message inside an idb error, when there is one.
fn exception_of(error: &idb::Error) -> (String, String) {
    use idb::Error as E;
    let value: Option<&JsValue> = match error {
        E::DomException(e) => Some(e.as_ref()),
        E::AddFailed(v)
        | E::ClearFailed(v)
        | E::CountFailed(v)
        | E::DeleteFailed(v)
        | E::GetAllFailed(v)
        | E::GetFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbNotFound(v)
        | E::IndexNotFound(v)
        | E::ObjectStoreNotFound(v)
        | E::UpdateFailed(v)
        | E::TransactionOpenFailed(v)
        | E::TransactionCommitError(v)
        | E::TransactionAbortError(v) => Some(v),
        _ => None,
    };
    match value.and_then(|v| v.dyn_ref::<js_sys::Error>()) {
        Some(e) => (String::from(e.name()), String::from(e.message())),
        None => match value.and_then(|v| v.dyn_ref::<web_sys::DomException>()) {
            Some(e) => (e.name(), e.message()),
            None => ("Error".into(), error.to_string()),
        },
    }
}

/// A thrown JS value (usually a DOMException) as a storage error.
fn js_error(value: &JsValue) -> StoreError {
    match value.dyn_ref::<web_sys::DomException>() {
        Some(e) => error_from_name(&e.name(), e.message()),
        None => StoreError::Aborted {
            name: "Error".into(),
            message: format!("{value:?}"),
        },
    }
}

fn describe(error: &idb::Error) -> String {
    let (name, message) = exception_of(error);
    format!("{name}: {message}")
}

/// Maps a browser error name to what the user needs to know about it.
pub fn error_from_name(name: &str, message: String) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "InvalidStateError" => StoreError::Closed,
        "DataCloneError" | "DataError" => StoreError::Data(message),
        _ => StoreError::Aborted {
            name: name.to_string(),
            message,
        },
    }
}

fn to_store_error(error: idb::Error) -> StoreError {
    let (name, message) = exception_of(&error);
    error_from_name(&name, message)
}

impl Store for Db {
    async fn get<R: Record>(&self, id: Id) -> Result<Option<R>, StoreError> {
        let name = R::KIND.store_name();
        let tx = self.transaction(&[name], TransactionMode::ReadOnly)?;
        let store = tx.object_store(name).map_err(to_store_error)?;
        let value = store
            .get(JsValue::from_str(&id.to_string()))
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        match value {
            Some(v) => Ok(Some(self.open_record(v).await?)),
            None => Ok(None),
        }
    }

    async fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        let name = R::KIND.store_name();
        let tx = self.transaction(&[name], TransactionMode::ReadOnly)?;
        let store = tx.object_store(name).map_err(to_store_error)?;
        let values = store
            .get_all(None, None)
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        self.open_records(values).await
    }

    async fn by_customer<R: Record>(&self, customer: Id) -> Result<Vec<R>, StoreError> {
        if R::KIND == RecordKind::Customer {
            return Ok(self.get::<R>(customer).await?.into_iter().collect());
        }
        self.by_index(
            BY_CUSTOMER,
            Query::Key(JsValue::from_str(&customer.to_string())),
        )
        .await
    }

    /// Strict durability: a save the user sees reported must survive the browser being killed
    /// a moment later, and saves are human-paced, so the flush costs nothing noticeable.
    async fn write(&self, batch: Batch) -> Result<(), StoreError> {
        self.write_with(batch, Durability::Strict).await
    }
}

impl Db {
    /// Writes a batch in one transaction with the chosen durability.
    pub async fn write_with(&self, batch: Batch, durability: Durability) -> Result<(), StoreError> {
        self.write_with_progress(batch, durability, |_| {}).await
    }

    /// Like [`Db::write_with`], reporting progress from 0 to 1: encoding is most of the work
    /// for a large import, then the transaction commits at once.
    pub async fn write_with_progress(
        &self,
        batch: Batch,
        durability: Durability,
        on_progress: impl Fn(f64),
    ) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        // Encode everything first: nothing but IndexedDB requests may run inside the transaction.
        // Large batches yield to the browser between chunks (before the transaction exists, so
        // that is safe) to keep the page responsive.
        let puts = self.seal_records(&batch.puts, &on_progress).await?;
        on_progress(0.9);
        let purges: Vec<(&str, JsValue)> = batch
            .purges
            .iter()
            .map(|(kind, id)| (kind.store_name(), JsValue::from_str(&id.to_string())))
            .collect();
        let writes = Writes {
            checks: checks_of(&batch),
            puts,
            deletes: purges,
            ..Default::default()
        };
        self.write_encoded(&writes, durability).await
    }

    /// Writes a batch together with attachment blobs to add and attachment ids to remove, in one
    /// transaction: an interaction never points at a file that was not stored.
    pub async fn write_with_attachments(
        &self,
        batch: Batch,
        add: &[AttachmentBlob],
        remove: &[Id],
    ) -> Result<(), StoreError> {
        let mut puts = self.seal_records(&batch.puts, &|_| {}).await?;
        for attachment in add {
            puts.push((ATTACHMENTS_STORE, self.seal_attachment(attachment).await?));
        }
        let mut purges: Vec<(&str, JsValue)> = batch
            .purges
            .iter()
            .map(|(kind, id)| (kind.store_name(), JsValue::from_str(&id.to_string())))
            .collect();
        purges.extend(
            remove
                .iter()
                .map(|id| (ATTACHMENTS_STORE, JsValue::from_str(&id.to_string()))),
        );
        let writes = Writes {
            checks: checks_of(&batch),
            puts,
            deletes: purges,
            ..Default::default()
        };
        self.write_encoded(&writes, Durability::Strict).await
    }

    /// Every stored value of a store, undecoded.
    pub async fn raw_values(&self, store: &str) -> Result<Vec<JsValue>, StoreError> {
        let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
        tx.object_store(store)
            .map_err(to_store_error)?
            .get_all(None, None)
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)
    }

    /// The stored bytes of one attachment.
    pub async fn attachment_blob(&self, id: Id) -> Result<Option<web_sys::Blob>, StoreError> {
        let tx = self.transaction(&[ATTACHMENTS_STORE], TransactionMode::ReadOnly)?;
        let store = tx.object_store(ATTACHMENTS_STORE).map_err(to_store_error)?;
        let value = store
            .get(JsValue::from_str(&id.to_string()))
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        match value {
            Some(v) => self.open_attachment_blob(&v).await.map(Some),
            None => Ok(None),
        }
    }

    /// The bytes of a stored attachment value as a blob, decrypted when sealed.
    pub async fn open_attachment_blob(&self, value: &JsValue) -> Result<web_sys::Blob, StoreError> {
        let blob: web_sys::Blob = js_sys::Reflect::get(value, &"blob".into())
            .ok()
            .and_then(|b| b.dyn_into().ok())
            .ok_or_else(|| StoreError::Data("attachment without bytes".into()))?;
        let iv = js_sys::Reflect::get(value, &"blob_iv".into())
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok());
        let Some(iv) = iv else {
            return Ok(blob);
        };
        let sealing = self.sealing.as_ref().ok_or(StoreError::Locked)?;
        let meta = self.attachment_meta(value).await?;
        let sealed = crate::platform::db::backup::blob_bytes(&blob).await?;
        let plain = sealing
            .cipher
            .open(&iv.to_vec(), &sealed)
            .await
            .map_err(crypto_error)?;
        crate::platform::db::backup::blob_from_bytes(&plain, &meta.mime)
    }

    /// An attachment's name, type and size (sealed or not) and its interaction.
    pub async fn attachment_meta(
        &self,
        value: &JsValue,
    ) -> Result<guanxi_core::AttachmentRef, StoreError> {
        self.open_plain(value.clone()).await
    }

    /// An attachment for storage: when encrypted, its details and its bytes are both sealed
    /// (the bytes as a blob of ciphertext); the interaction link stays readable for the index.
    pub async fn seal_attachment(&self, a: &AttachmentBlob) -> Result<JsValue, StoreError> {
        let Some(sealing) = &self.sealing else {
            return a.to_js();
        };
        let object = self.seal_plain(&a.reference).await?;
        let bytes = crate::platform::db::backup::blob_bytes(&a.blob).await?;
        let (iv, ct) = sealing.cipher.seal(&bytes).await.map_err(crypto_error)?;
        let set = |key: &str, value: &JsValue| {
            js_sys::Reflect::set(&object, &key.into(), value).map_err(|e| js_error(&e))
        };
        set("id", &JsValue::from_str(&a.reference.id.to_string()))?;
        set(
            "interaction_id",
            &JsValue::from_str(&a.interaction_id.to_string()),
        )?;
        set(
            "blob",
            &crate::platform::db::backup::blob_from_bytes(&ct, "application/octet-stream")?.into(),
        )?;
        set("blob_iv", &js_sys::Uint8Array::from(&iv[..]).into())?;
        Ok(object)
    }

    /// The saved settings, or the defaults on a first run.
    pub async fn settings(&self) -> Result<guanxi_core::Settings, StoreError> {
        let tx = self.transaction(&[SETTINGS_STORE], TransactionMode::ReadOnly)?;
        let store = tx.object_store(SETTINGS_STORE).map_err(to_store_error)?;
        let value = store
            .get(JsValue::from_str(SETTINGS_KEY))
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)?;
        match value {
            Some(v) => self.open_plain(v).await,
            None => Ok(guanxi_core::Settings::default()),
        }
    }

    pub async fn save_settings(&self, settings: &guanxi_core::Settings) -> Result<(), StoreError> {
        let writes = Writes {
            keyed_puts: vec![(
                SETTINGS_STORE,
                self.seal_plain(settings).await?,
                JsValue::from_str(SETTINGS_KEY),
            )],
            ..Default::default()
        };
        self.write_encoded(&writes, Durability::Strict).await
    }

    /// Erases every record, attachment and setting in one transaction.
    pub async fn erase_all(&self) -> Result<(), StoreError> {
        let writes = Writes {
            clear: ALL_STORES.to_vec(),
            ..Default::default()
        };
        self.write_encoded(&writes, Durability::Strict).await
    }

    /// Performs already-encoded writes in one transaction. Public for the storage tests, which
    /// feed it a value the browser rejects halfway through a batch.
    pub async fn write_encoded(
        &self,
        writes: &Writes<'_>,
        durability: Durability,
    ) -> Result<(), StoreError> {
        let mut names: Vec<&str> = writes
            .clear
            .iter()
            .copied()
            .chain(writes.puts.iter().map(|(n, _)| *n))
            .chain(writes.keyed_puts.iter().map(|(n, _, _)| *n))
            .chain(writes.deletes.iter().map(|(n, _)| *n))
            .collect();
        names.sort_unstable();
        names.dedup();
        if names.is_empty() {
            return Ok(());
        }

        // Clearing the settings store (erase, replace-all restore) also clears the key
        // information; encrypted data must keep it, or the sealed values written next would
        // be unreadable.
        let key_info = match &self.sealing {
            Some(sealing) if writes.clear.contains(&SETTINGS_STORE) => Some(encode(&sealing.info)?),
            _ => None,
        };

        // The raw handle is kept to read the transaction's error after an abort: a quota
        // failure arrives there, not on the request.
        let (raw, tx) = self.write_transaction(&names, durability)?;
        // Reading inside the transaction makes check and write one atomic step: no other tab
        // can slip a change in between. Only IndexedDB requests are awaited here.
        if let Err(e) = stale_check(&tx, &writes.checks).await {
            let _ = raw.abort();
            return Err(e);
        }
        let issued = (|| {
            let store = |name: &str| tx.object_store(name).map_err(to_store_error);
            for name in &writes.clear {
                store(name)?.clear().map_err(to_store_error)?;
            }
            if let Some(info) = &key_info {
                store(SETTINGS_STORE)?
                    .put(info, Some(&JsValue::from_str(KEY_INFO_KEY)))
                    .map_err(to_store_error)?;
            }
            for (name, value) in &writes.puts {
                store(name)?.put(value, None).map_err(to_store_error)?;
            }
            for (name, value, key) in &writes.keyed_puts {
                store(name)?.put(value, Some(key)).map_err(to_store_error)?;
            }
            for (name, key) in &writes.deletes {
                store(name)?.delete(key.clone()).map_err(to_store_error)?;
            }
            Ok::<(), StoreError>(())
        })();
        if let Err(e) = issued {
            let _ = raw.abort();
            return Err(e);
        }
        finish(raw, tx).await
    }
}

/// The first stored record whose revision is at least the one about to be written.
async fn stale_check(tx: &idb::Transaction, checks: &[Check]) -> Result<(), StoreError> {
    let mut pending = Vec::with_capacity(checks.len());
    for check in checks {
        let store = tx
            .object_store(check.kind.store_name())
            .map_err(to_store_error)?;
        let request = store
            .get(JsValue::from_str(&check.id.to_string()))
            .map_err(to_store_error)?;
        pending.push((check, request));
    }
    for (check, request) in pending {
        let stored = request.await.map_err(to_store_error)?;
        let stored_rev = stored
            .and_then(|v| js_sys::Reflect::get(&v, &"rev".into()).ok())
            .and_then(|r| r.as_f64())
            .map(|r| r as u32);
        if let Some(stored_rev) = stored_rev.filter(|r| *r >= check.attempted) {
            return Err(StoreError::Conflict {
                kind: check.kind,
                id: check.id,
                stored: stored_rev,
                attempted: check.attempted,
            });
        }
    }
    Ok(())
}

/// Everything one transaction does, encoded: stores to clear first, then values to put (with
/// their key in the value, or an explicit key), then keys to delete.
#[derive(Default)]
pub struct Writes<'a> {
    /// Stale-write checks, read inside the transaction before anything is written.
    pub checks: Vec<Check>,
    pub clear: Vec<&'a str>,
    pub puts: Vec<(&'a str, JsValue)>,
    pub keyed_puts: Vec<(&'a str, JsValue, JsValue)>,
    pub deletes: Vec<(&'a str, JsValue)>,
}

/// One record a checked write must find older than the copy it writes.
pub struct Check {
    pub kind: RecordKind,
    pub id: Id,
    pub attempted: u32,
}

/// Commits a write transaction and reports how it ended: the transaction's own error (a quota
/// failure arrives there, not on any request) wins over the wrapper's.
async fn finish(raw: web_sys::IdbTransaction, tx: idb::Transaction) -> Result<(), StoreError> {
    let outcome = tx.commit().map_err(to_store_error)?.await;
    match outcome {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) | Err(_) => Err(match raw.error() {
            Some(e) => error_from_name(&e.name(), e.message()),
            None => StoreError::Aborted {
                name: "AbortError".into(),
                message: outcome
                    .err()
                    .map(|e| describe(&e))
                    .unwrap_or_else(|| "transaction aborted".into()),
            },
        }),
    }
}
