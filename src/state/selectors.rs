//! Named reads: the cache's lists as views see them (trashed records left out) and the reads
//! that go to storage (interactions, files, backups).

use super::*;
use guanxi_core::store::StoreError;

use crate::platform::db::Db;

impl Data {
    /// A customer's name for lists of other records (empty if it is gone).
    pub fn customer_name(&self, id: guanxi_core::Id) -> String {
        self.customers.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    }

    /// Runs `fetch` with the database once it is open: `Ok(None)` while opening, so a page
    /// loaded directly shows "loading" and its resource refetches when the open completes.
    pub async fn when_open<T, Fut>(
        db: Option<Result<Db, StoreError>>,
        fetch: impl FnOnce(Db) -> Fut,
    ) -> Result<Option<T>, StoreError>
    where
        Fut: std::future::Future<Output = Result<T, StoreError>>,
    {
        match db {
            None => Ok(None),
            Some(db) => Ok(Some(fetch(db?).await?)),
        }
    }

    /// The database for a resource fetcher: tracks the opening status, so a page loaded directly
    /// waits for the open (`None`) and refetches once it is done.
    pub fn db_when_open(&self) -> Option<Result<Db, StoreError>> {
        match self.status.get() {
            DbStatus::Opening => None,
            _ => Some(self.db()),
        }
    }
}
