//! Schema step 3. Shipped: never edit it; add a new step instead.

use idb::{Database, KeyPath, ObjectStoreParams};

use super::BY_INTERACTION;
use crate::platform::db::{ATTACHMENTS_STORE, SETTINGS_STORE};

pub fn migrate_3_settings_and_attachments(
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
