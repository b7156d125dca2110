//! Schema step 2. Shipped: never edit it; add a new step instead.

use guanxi_core::RecordKind;
use idb::{Database, KeyPath};

use super::{BY_AT, BY_DUE};

pub fn migrate_2_date_indexes(_db: &Database, tx: &idb::Transaction) -> Result<(), idb::Error> {
    // Existing stores are only reachable through the upgrade transaction.
    tx.object_store(RecordKind::FollowUp.store_name())?
        .create_index(BY_DUE, KeyPath::new_single("due"), None)?;
    tx.object_store(RecordKind::Interaction.store_name())?
        .create_index(BY_AT, KeyPath::new_single("at"), None)?;
    Ok(())
}
