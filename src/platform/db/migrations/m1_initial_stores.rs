//! Schema step 1. Shipped: never edit it; add a new step instead.

use guanxi_core::RecordKind;
use idb::{Database, KeyPath, ObjectStoreParams};

use super::{BY_CUSTOMER, BY_UPDATED};

pub fn migrate_1_initial_stores(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    // The kinds that existed at version 1, spelled out: `RecordKind::ALL` grows with later
    // versions, and a shipped step must keep doing exactly what it did.
    let kinds = [
        RecordKind::Customer,
        RecordKind::Contact,
        RecordKind::Interaction,
        RecordKind::FollowUp,
    ];
    for kind in kinds {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        let store = db.create_object_store(kind.store_name(), params)?;
        store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
        if kind != RecordKind::Customer {
            store.create_index(BY_CUSTOMER, KeyPath::new_single("customer_id"), None)?;
        }
    }
    Ok(())
}
