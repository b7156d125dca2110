//! Schema step 4. Shipped: never edit it; add a new step instead.

use guanxi_core::RecordKind;
use idb::{Database, KeyPath, ObjectStoreParams};

use super::{BY_CLOSE, BY_CUSTOMER, BY_UPDATED};

pub fn migrate_4_opportunities(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let store = db.create_object_store(RecordKind::Opportunity.store_name(), params)?;
    store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
    store.create_index(BY_CUSTOMER, KeyPath::new_single("customer_id"), None)?;
    store.create_index(BY_CLOSE, KeyPath::new_single("expected_close"), None)?;
    Ok(())
}
