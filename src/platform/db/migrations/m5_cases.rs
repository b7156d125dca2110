//! Schema step 5. Shipped: never edit it; add a new step instead.

use guanxi_core::RecordKind;
use idb::{Database, KeyPath, ObjectStoreParams};

use super::{BY_CUSTOMER, BY_UPDATED};

/// Service cases, by customer (for the customer page) and by update time like every store,
/// and knowledge-base articles, which belong to no customer.
pub fn migrate_5_cases(db: &Database, _tx: &idb::Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let store = db.create_object_store(RecordKind::Case.store_name(), params.clone())?;
    store.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
    store.create_index(BY_CUSTOMER, KeyPath::new_single("customer_id"), None)?;
    let articles = db.create_object_store(RecordKind::Article.store_name(), params)?;
    articles.create_index(BY_UPDATED, KeyPath::new_single("updated_at"), None)?;
    Ok(())
}
