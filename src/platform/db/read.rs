//! Reads: by id, by kind, through the indexes, raw values for backups, and the settings.

use super::*;
use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{Id, Record, RecordKind};
use idb::{Query, TransactionMode};
use wasm_bindgen::JsValue;

impl Db {
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

impl Store for Db {
    async fn get<R: Record>(&self, id: Id) -> Result<Option<R>, StoreError> {
        match self.get_raw(R::KIND.store_name(), &id.to_string()).await? {
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

    /// The saved settings, or the defaults on a first run.
    pub async fn settings(&self) -> Result<guanxi_core::Settings, StoreError> {
        match self.get_raw(SETTINGS_STORE, SETTINGS_KEY).await? {
            Some(v) => self.open_plain(v).await,
            None => Ok(guanxi_core::Settings::default()),
        }
    }

    /// One stored value by key, as stored (still sealed when encrypted).
    pub(super) async fn get_raw(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<JsValue>, StoreError> {
        let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
        tx.object_store(store)
            .map_err(to_store_error)?
            .get(JsValue::from_str(key))
            .map_err(to_store_error)?
            .await
            .map_err(to_store_error)
    }
}
