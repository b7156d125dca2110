//! Attachment bytes, kept in their own store so lists never load blobs.

use super::*;
use guanxi_core::store::StoreError;
use guanxi_core::Id;
use wasm_bindgen::{JsCast, JsValue};

/// An attachment's bytes with the reference the interaction keeps.
#[derive(Clone, Debug)]
pub struct AttachmentBlob {
    pub reference: guanxi_core::AttachmentRef,
    pub interaction_id: Id,
    pub blob: web_sys::Blob,
}

impl AttachmentBlob {
    pub(super) fn to_js(&self) -> Result<JsValue, StoreError> {
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

impl Db {
    /// The stored bytes of one attachment.
    pub async fn attachment_blob(&self, id: Id) -> Result<Option<web_sys::Blob>, StoreError> {
        match self.get_raw(ATTACHMENTS_STORE, &id.to_string()).await? {
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
}
