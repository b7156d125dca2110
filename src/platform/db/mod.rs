//! The one adapter between Guanxi and IndexedDB.
//!
//! It implements the core's [`Store`] trait and nothing else: no business rules live here.
//! Rules it keeps for the data's sake:
//! - every batch is one `readwrite` transaction, and every value is encoded *before* the
//!   transaction starts, because awaiting anything that is not an IndexedDB request inside a
//!   transaction lets the browser auto-commit it half done;
//! - the schema only moves forward through the numbered [`MIGRATIONS`], each run inside the
//!   browser's own upgrade transaction, so a failing migration leaves the old version intact.

mod attachments;
pub mod backup;
mod errors;
mod migrations;
mod open;
mod read;
mod seal;
mod write;

pub use attachments::*;
pub use errors::*;
pub use migrations::*;
pub use seal::*;
pub use write::*;

use guanxi_core::store::StoreError;
use idb::{Database, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

/// The production database's name.
pub const DB_NAME: &str = "guanxi";

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

/// Every store, for erasing and for replacing everything with a backup.
pub const ALL_STORES: [&str; 10] = [
    "customers",
    "contacts",
    "interactions",
    "follow_ups",
    "opportunities",
    "cases",
    "articles",
    "campaigns",
    SETTINGS_STORE,
    ATTACHMENTS_STORE,
];

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
    pub info: guanxi_core::io::sealed::KeyInfo,
}

/// Where the key information lives: the settings store, next to the settings, in the clear.
pub const KEY_INFO_KEY: &str = "encryption";

impl Db {
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
