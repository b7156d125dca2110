//! Schema step 6. Shipped: never edit it; add a new step instead.

use guanxi_core::RecordKind;
use idb::{Database, KeyPath, ObjectStoreParams};

use super::BY_UPDATED;

/// Marketing campaigns, with their members inside; they belong to no one customer.
pub fn migrate_6_campaigns(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let store = db.create_object_store(RecordKind::Campaign.store_name(), params)?;
    store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
    Ok(())
}
