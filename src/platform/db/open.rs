//! Opening, upgrading and deleting the database, and hearing when the browser closes it.

use super::*;
use guanxi_core::store::StoreError;
use idb::Factory;
use wasm_bindgen::JsCast;

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
}
