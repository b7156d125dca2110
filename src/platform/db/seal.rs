//! Encoding records for IndexedDB, sealed (encrypted) when a key is in use: values are sealed
//! before their transaction starts and opened after their read has finished.

use super::*;
use guanxi_core::store::StoreError;
use guanxi_core::{AnyRecord, Record};
use idb::TransactionMode;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

impl Db {
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
    pub async fn key_info(&self) -> Result<Option<guanxi_core::io::sealed::KeyInfo>, StoreError> {
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
        for field in guanxi_core::io::sealed::clear_fields(record.kind()) {
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

    pub(super) async fn open_records<R: Record>(
        &self,
        values: Vec<JsValue>,
    ) -> Result<Vec<R>, StoreError> {
        if self.sealing.is_none() {
            // The load path: decode synchronously. A sealed value here means locked data.
            let enc = JsValue::from_str("enc");
            if values
                .iter()
                .any(|v| js_sys::Reflect::get(v, &enc).is_ok_and(|enc| !enc.is_undefined()))
            {
                return Err(StoreError::Locked);
            }
            if let Some(records) = decode_as_json(&values) {
                return Ok(records);
            }
            // Record by record, so a value that does not read is named by its own error.
            return values.into_iter().map(decode).collect();
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
                on_progress((i * ENCODE_CHUNK) as f64 / total);
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
}

/// Encodes a record as a plain JS object (maps as objects, 64-bit numbers as numbers).
pub fn encode<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Data(e.to_string()))
}

pub(super) fn decode<R: Record>(value: JsValue) -> Result<R, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Data(e.to_string()))
}

/// Records read in slices of this many when decoded as JSON.
const DECODE_SLICE: usize = 2_500;

/// Decodes stored values through one `JSON.stringify` per slice and serde_json: several times
/// faster than walking each value field by field across the JS boundary, which is what a load
/// of 100,000 customers spends most of its time on. Slices bound the text held at once. `None`
/// if any value does not read this way; the caller then decodes them one by one. The stored
/// values are what [`encode`] wrote (JSON-compatible, no floats), so both ways give the same.
fn decode_as_json<R: Record>(values: &[JsValue]) -> Option<Vec<R>> {
    let mut out = Vec::with_capacity(values.len());
    for slice in values.chunks(DECODE_SLICE) {
        let array: js_sys::Array = slice.iter().collect();
        let text = js_sys::JSON::stringify(&array).ok()?.as_string()?;
        // From bytes, as sealed records are read: from a `str` would compile every record's
        // decoder a second time (20 KiB of download).
        out.extend(serde_json::from_slice::<Vec<R>>(text.as_bytes()).ok()?);
    }
    Some(out)
}

pub fn encode_any(record: &AnyRecord) -> Result<JsValue, StoreError> {
    match record {
        AnyRecord::Customer(r) => encode(r),
        AnyRecord::Contact(r) => encode(r),
        AnyRecord::Interaction(r) => encode(r),
        AnyRecord::FollowUp(r) => encode(r),
        AnyRecord::Opportunity(r) => encode(r),
        AnyRecord::Case(r) => encode(r),
        AnyRecord::Article(r) => encode(r),
        AnyRecord::Campaign(r) => encode(r),
    }
}

pub(super) fn any_json(record: &AnyRecord) -> Result<Vec<u8>, StoreError> {
    let json = match record {
        AnyRecord::Customer(r) => serde_json::to_vec(r),
        AnyRecord::Contact(r) => serde_json::to_vec(r),
        AnyRecord::Interaction(r) => serde_json::to_vec(r),
        AnyRecord::FollowUp(r) => serde_json::to_vec(r),
        AnyRecord::Opportunity(r) => serde_json::to_vec(r),
        AnyRecord::Case(r) => serde_json::to_vec(r),
        AnyRecord::Article(r) => serde_json::to_vec(r),
        AnyRecord::Campaign(r) => serde_json::to_vec(r),
    };
    json.map_err(|e| StoreError::Data(e.to_string()))
}

pub(super) fn crypto_error(e: crate::platform::crypto::CryptoError) -> StoreError {
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
