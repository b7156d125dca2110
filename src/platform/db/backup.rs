//! Backup and restore against IndexedDB: reading everything (attachment bytes included) and
//! writing a restore plan in one strict transaction, so a bad file or an error midway leaves the
//! store exactly as it was.

use guanxi_core::io::backup::{AttachmentData, BackupData, RestorePlan};
use guanxi_core::marketing::Campaign;
use guanxi_core::service::case::ServiceCase;
use guanxi_core::service::knowledge::Article;
use guanxi_core::store::{Store, StoreError};
use guanxi_core::{Contact, Customer, FollowUp, Id, Interaction, Opportunity};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::platform::db::{
    Db, Durability, Writes, ALL_STORES, ATTACHMENTS_STORE, SETTINGS_KEY, SETTINGS_STORE,
};

/// The readable part of a stored attachment: its id and its interaction (for the index).
#[derive(serde::Deserialize)]
struct StoredLink {
    id: Id,
    interaction_id: Id,
}

fn js_err(e: JsValue) -> StoreError {
    StoreError::Data(format!("{e:?}"))
}

/// A blob holding `bytes`, typed as `mime`.
pub fn blob_from_bytes(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, StoreError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_err)
}

/// The bytes of a blob (or file).
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, StoreError> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

impl Db {
    /// Every record, setting and attachment (with its bytes), for a backup file.
    pub async fn read_everything(&self) -> Result<BackupData, StoreError> {
        let stored = self.raw_values(ATTACHMENTS_STORE).await?;
        let mut attachments = Vec::with_capacity(stored.len());
        // Blobs are read after their transaction has finished: reading bytes is not an
        // IndexedDB request and would let the transaction commit early.
        for value in stored {
            attachments.push(self.attachment_data(&value).await?);
        }
        Ok(BackupData {
            customers: self.all::<Customer>().await?,
            contacts: self.all::<Contact>().await?,
            interactions: self.all::<Interaction>().await?,
            follow_ups: self.all::<FollowUp>().await?,
            opportunities: self.all::<Opportunity>().await?,
            cases: self.all::<ServiceCase>().await?,
            articles: self.all::<Article>().await?,
            campaigns: self.all::<Campaign>().await?,
            attachments,
            settings: self.settings().await?,
            language: None,
        })
    }

    /// One stored attachment with its bytes, opened when sealed.
    async fn attachment_data(&self, value: &JsValue) -> Result<AttachmentData, StoreError> {
        let link: StoredLink = serde_wasm_bindgen::from_value(value.clone())
            .map_err(|e| StoreError::Data(e.to_string()))?;
        let meta = self.attachment_meta(value).await?;
        let blob = self.open_attachment_blob(value).await?;
        Ok(AttachmentData {
            id: link.id,
            interaction_id: link.interaction_id,
            name: meta.name,
            mime: meta.mime,
            size: meta.size,
            data: blob_bytes(&blob).await?,
        })
    }

    /// Every record that still decodes, and how many values did not (a missing store counts as
    /// unreadable too): what the recovery screen exports when a strict read fails. It reads
    /// only, so it can never make damaged data worse.
    pub async fn read_readable(&self) -> (BackupData, usize) {
        let mut skipped = 0usize;
        let mut attachments = Vec::new();
        for value in self.raw_values(ATTACHMENTS_STORE).await.unwrap_or_default() {
            match self.attachment_data(&value).await {
                Ok(a) => attachments.push(a),
                Err(_) => skipped += 1,
            }
        }
        let customers = self.readable::<Customer>(&mut skipped).await;
        let contacts = self.readable::<Contact>(&mut skipped).await;
        let interactions = self.readable::<Interaction>(&mut skipped).await;
        let follow_ups = self.readable::<FollowUp>(&mut skipped).await;
        let opportunities = self.readable::<Opportunity>(&mut skipped).await;
        let cases = self.readable::<ServiceCase>(&mut skipped).await;
        let articles = self.readable::<Article>(&mut skipped).await;
        let campaigns = self.readable::<Campaign>(&mut skipped).await;
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(_) => {
                skipped += 1;
                Default::default()
            }
        };
        let data = BackupData {
            customers,
            contacts,
            interactions,
            follow_ups,
            opportunities,
            cases,
            articles,
            campaigns,
            attachments,
            settings,
            language: None,
        };
        (data, skipped)
    }

    async fn readable<R: guanxi_core::Record>(&self, skipped: &mut usize) -> Vec<R> {
        let Ok(values) = self.raw_values(R::KIND.store_name()).await else {
            *skipped += 1;
            return Vec::new();
        };
        let mut records = Vec::with_capacity(values.len());
        for value in values {
            match self.open_record::<R>(value).await {
                Ok(r) => records.push(r),
                Err(_) => *skipped += 1,
            }
        }
        records
    }

    /// Applies a restore plan in one strict transaction: with `replace_all`, every store is
    /// cleared first inside that same transaction, so the old data is only gone if the new
    /// data is fully written.
    pub async fn restore(&self, plan: &RestorePlan) -> Result<(), StoreError> {
        let mut writes = Writes::default();
        if plan.replace_all {
            writes.clear = ALL_STORES.to_vec();
        }
        writes.puts = self.seal_records(&plan.batch.puts, &|_| {}).await?;
        for attachment in &plan.attachments {
            let blob = crate::platform::db::AttachmentBlob {
                reference: guanxi_core::AttachmentRef {
                    id: attachment.id,
                    name: attachment.name.clone(),
                    mime: attachment.mime.clone(),
                    size: attachment.size,
                },
                interaction_id: attachment.interaction_id,
                blob: blob_from_bytes(&attachment.data, &attachment.mime)?,
            };
            writes
                .puts
                .push((ATTACHMENTS_STORE, self.seal_attachment(&blob).await?));
        }
        writes.keyed_puts.push((
            SETTINGS_STORE,
            self.seal_plain(&plan.settings).await?,
            JsValue::from_str(SETTINGS_KEY),
        ));
        writes.deletes.extend(
            plan.batch
                .purges
                .iter()
                .map(|(kind, id)| (kind.store_name(), JsValue::from_str(&id.to_string()))),
        );
        writes.deletes.extend(
            plan.remove_attachments
                .iter()
                .map(|id| (ATTACHMENTS_STORE, JsValue::from_str(&id.to_string()))),
        );
        self.write_encoded(&writes, Durability::Strict).await
    }
}
