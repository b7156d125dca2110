//! Opening the database, unlocking it, turning encryption on or off, and failing visibly.

use super::tabs::MSG_KEY;
use super::*;
use guanxi_core::store::StoreError;

use crate::platform::db::Db;

impl Data {
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

    pub(super) async fn finish_load(self, db: Db) {
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
    pub(super) async fn set_encryption(self, passphrase: Option<&str>) -> Result<(), StoreError> {
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
        let plan = guanxi_core::io::backup::plan_restore(
            everything,
            &guanxi_core::io::backup::BackupData::default(),
            guanxi_core::io::backup::RestoreMode::Replace,
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
        // The index holds customers' text in the clear: it goes with the key.
        self.search_index.set_value(Default::default());
        self.customers.set(Vec::new());
        self.contacts.set(Vec::new());
        self.follow_ups.set(Vec::new());
        self.opportunities.set(Vec::new());
        self.cases.set(Vec::new());
        self.articles.set(Vec::new());
        self.campaigns.set(Vec::new());
        self.status.set(DbStatus::Locked);
    }

    /// Another tab changed the encryption: lock if the data is now encrypted (the key this tab
    /// holds, if any, is no longer the right one), or carry on in the clear.
    pub(super) async fn key_changed(self) {
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

    pub(super) fn fail(self, e: StoreError) {
        leptos::logging::error!("opening storage failed: {e}");
        self.status.set(DbStatus::Failed(e));
    }

    /// Keeps a connection and watches it: another tab's upgrade closes it (this tab turns
    /// read-only until reloaded), and a close by the browser makes the next write reopen.
    pub(super) fn attach(self, db: Db) {
        db.on_version_change(move || {
            self.db.set_value(None);
            self.status
                .set(DbStatus::ReadOnly(StoreError::VersionChanged));
        });
        db.on_close(move || self.connection_lost.set_value(true));
        self.connection_lost.set_value(false);
        self.db.set_value(Some(db));
    }

    pub(super) async fn opened(self) {
        while self.status.get_untracked() == DbStatus::Opening {
            crate::platform::db::sleep_ms(25).await;
        }
    }

    /// Browsers may evict storage that is not persistent; ask once, on the first real save,
    /// when the user has shown they mean to keep data here.
    pub(super) fn ask_persistence_once(&self) {
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
