//! Writes: every batch is one read-write transaction whose values were all encoded before it
//! started, checked against stale revisions inside it.

use super::*;
use guanxi_core::store::{Batch, StoreError};
use guanxi_core::{Id, RecordKind};
use wasm_bindgen::JsValue;

/// Puts issued between two waits for the browser in a large write.
const PUT_SLICE: usize = 5_000;

impl Db {
    /// Writes a batch in one transaction with the chosen durability.
    pub async fn write_with(&self, batch: Batch, durability: Durability) -> Result<(), StoreError> {
        self.write_change(&batch, Extras::default(), durability, &|_| {})
            .await
    }

    /// Writes a batch and its extras (settings, attachment files) in one transaction, reporting
    /// progress from 0 to 1: encoding the records is the first half, storing them the second.
    /// An interaction never points at a file that was not stored, and demo records never land
    /// without the settings they need.
    pub async fn write_change(
        &self,
        batch: &Batch,
        extras: Extras<'_>,
        durability: Durability,
        on_progress: &dyn Fn(f64),
    ) -> Result<(), StoreError> {
        if batch.is_empty() && extras.is_empty() {
            return Ok(());
        }
        // Encode everything first: nothing but IndexedDB requests may run inside the transaction.
        // Large batches yield to the browser between chunks (before the transaction exists, so
        // that is safe) to keep the page responsive.
        // Encoding is the first half of the bar, storing the second.
        let mut puts = self
            .seal_records(&batch.puts, &|p| on_progress(p / 2.0))
            .await?;
        on_progress(0.5);
        for attachment in extras.add_files {
            puts.push((ATTACHMENTS_STORE, self.seal_attachment(attachment).await?));
        }
        let mut keyed_puts = Vec::new();
        if let Some(settings) = extras.settings {
            keyed_puts.push((
                SETTINGS_STORE,
                self.seal_plain(settings).await?,
                JsValue::from_str(SETTINGS_KEY),
            ));
        }
        let mut deletes: Vec<(&str, JsValue)> = batch
            .purges
            .iter()
            .map(|(kind, id)| (kind.store_name(), JsValue::from_str(&id.to_string())))
            .collect();
        deletes.extend(
            extras
                .remove_files
                .iter()
                .map(|id| (ATTACHMENTS_STORE, JsValue::from_str(&id.to_string()))),
        );
        let writes = Writes {
            checks: checks_of(batch),
            puts,
            keyed_puts,
            deletes,
            ..Default::default()
        };
        self.write_encoded_with_progress(&writes, durability, &|p| on_progress(0.5 + p / 2.0))
            .await
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
        self.write_encoded_with_progress(writes, durability, &|_| {})
            .await
    }

    /// Like [`Db::write_encoded`], reporting from 0 to 1 how many of the puts are done. A large
    /// batch is issued a slice at a time, waiting for the slice's last put (an IndexedDB
    /// request, so the transaction stays active): the page can paint the progress between
    /// slices instead of freezing while hundreds of thousands of puts are queued at once.
    pub(super) async fn write_encoded_with_progress(
        &self,
        writes: &Writes<'_>,
        durability: Durability,
        on_progress: &dyn Fn(f64),
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
        let store = |name: &str| tx.object_store(name).map_err(to_store_error);
        let issued = (|| {
            for name in &writes.clear {
                store(name)?.clear().map_err(to_store_error)?;
            }
            if let Some(info) = &key_info {
                store(SETTINGS_STORE)?
                    .put(info, Some(&JsValue::from_str(KEY_INFO_KEY)))
                    .map_err(to_store_error)?;
            }
            Ok::<(), StoreError>(())
        })();
        if let Err(e) = issued {
            let _ = raw.abort();
            return Err(e);
        }
        let total = writes.puts.len();
        let mut done = 0;
        for slice in writes.puts.chunks(PUT_SLICE) {
            let mut last = None;
            for (name, value) in slice {
                match store(name).and_then(|s| s.put(value, None).map_err(to_store_error)) {
                    Ok(request) => last = Some(request),
                    Err(e) => {
                        let _ = raw.abort();
                        return Err(e);
                    }
                }
            }
            done += slice.len();
            if done < total {
                if let Some(request) = last {
                    if request.await.is_err() {
                        // The transaction aborts after a failed request; its error says why.
                        let _ = tx.await;
                        return Err(match raw.error() {
                            Some(e) => error_from_name(&e.name(), e.message()),
                            None => StoreError::Aborted {
                                name: "AbortError".into(),
                                message: "a write failed".into(),
                            },
                        });
                    }
                }
                on_progress(done as f64 / total as f64);
            }
        }
        let issued = (|| {
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

pub(super) fn checks_of(batch: &Batch) -> Vec<Check> {
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

/// The first stored record whose revision is at least the one about to be written.
pub(super) async fn stale_check(tx: &idb::Transaction, checks: &[Check]) -> Result<(), StoreError> {
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

/// What a transaction writes besides a batch of records.
#[derive(Clone, Copy, Default)]
pub struct Extras<'a> {
    pub settings: Option<&'a guanxi_core::Settings>,
    pub add_files: &'a [AttachmentBlob],
    pub remove_files: &'a [Id],
}

impl Extras<'_> {
    fn is_empty(&self) -> bool {
        self.settings.is_none() && self.add_files.is_empty() && self.remove_files.is_empty()
    }
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
pub(super) async fn finish(
    raw: web_sys::IdbTransaction,
    tx: idb::Transaction,
) -> Result<(), StoreError> {
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
