//! Named reads. The cache's lists as every view sees them (trashed records left out: that is a
//! domain rule, not a view's choice) and the reads that go to storage (interactions, which are
//! not kept in memory, files and backups). Views never hold a storage handle.

use super::*;
use guanxi_core::io::backup::BackupData;
use guanxi_core::store::StoreError;
use guanxi_core::{Id, Interaction};

/// Which interactions a page reads from storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InteractionScope {
    All,
    Customer(Id),
    /// Those whose local time falls on the day, through the by-time index.
    Day(chrono::NaiveDate),
}

/// A read that waits for the database to open: `Ok(None)` while it opens.
pub type Pending<T> = LocalResource<Result<Option<T>, StoreError>>;

/// The records of a cached list that are not in the trash.
fn live<R: Record>(all: &[R]) -> impl Iterator<Item = &R> {
    all.iter().filter(|r| r.deleted_at().is_none())
}

/// The records of a cached list that are in the trash.
fn trashed<R: Record>(all: &[R]) -> impl Iterator<Item = &R> {
    all.iter().filter(|r| r.deleted_at().is_some())
}

/// Selectors over one cached list, each tracking the list.
macro_rules! list_selectors {
    ($list:ident, $ty:ty, $live:ident, $live_one:ident, $live_of:ident, $trashed:ident) => {
        /// Runs `f` over the live records (tracked).
        pub fn $live<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &$ty>) -> T) -> T {
            self.$list.with(|all| f(&mut live(all)))
        }

        /// One live record by id (tracked).
        pub fn $live_one(&self, id: Id) -> Option<$ty> {
            self.$list
                .with(|all| live(all).find(|r| r.id == id).cloned())
        }

        /// The live records belonging to a customer (tracked).
        pub fn $live_of(&self, customer: Id) -> Vec<$ty> {
            self.$list.with(|all| {
                live(all)
                    .filter(|r| r.customer_id() == customer)
                    .cloned()
                    .collect()
            })
        }

        /// Runs `f` over the trashed records (tracked).
        pub fn $trashed<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &$ty>) -> T) -> T {
            self.$list.with(|all| f(&mut trashed(all)))
        }
    };
}

impl Data {
    list_selectors!(
        customers,
        Customer,
        live_customers,
        live_customer,
        _customer_of,
        trashed_customers
    );
    list_selectors!(
        contacts,
        Contact,
        live_contacts,
        live_contact,
        contacts_of,
        trashed_contacts
    );
    list_selectors!(
        follow_ups,
        FollowUp,
        live_follow_ups,
        live_follow_up,
        follow_ups_of,
        trashed_follow_ups
    );
    list_selectors!(
        opportunities,
        Opportunity,
        live_opportunities,
        live_opportunity,
        opportunities_of,
        trashed_opportunities
    );

    /// Whether any customer is live: the difference between an empty store and a filtered one.
    pub fn has_customers(&self) -> bool {
        self.live_customers(|it| it.next().is_some())
    }

    /// Interactions in a scope, waiting for the open and read again after every committed
    /// write of interactions. `scope` is tracked, so a page's day or customer can change.
    pub fn interactions_in(
        self,
        scope: impl Fn() -> InteractionScope + 'static,
    ) -> Pending<Vec<Interaction>> {
        LocalResource::new(move || {
            self.interactions_changed.track();
            let scope = scope();
            let db = self.db_when_open();
            Data::when_open(
                db,
                move |db| async move { read_interactions(&db, scope).await },
            )
        })
    }

    /// Interactions in a scope, read once now (exports, merges, emptying the trash).
    pub async fn interactions(
        self,
        scope: InteractionScope,
    ) -> Result<Vec<Interaction>, StoreError> {
        read_interactions(&self.read_db().await?, scope).await
    }

    /// One attachment's stored bytes.
    pub async fn attachment(self, id: Id) -> Result<Option<web_sys::Blob>, StoreError> {
        self.read_db().await?.attachment_blob(id).await
    }

    /// Everything stored, for a backup.
    pub async fn everything(self) -> Result<BackupData, StoreError> {
        self.read_db().await?.read_everything().await
    }

    /// Whatever can still be read, with the count of what could not (the recovery screen).
    pub async fn readable(self) -> Result<(BackupData, usize), StoreError> {
        Ok(self.read_db().await?.read_readable().await)
    }

    /// The schema version of the open database (tracks the opening).
    pub fn schema_version(&self) -> Option<u32> {
        self.status.track();
        self.db().ok().map(|db| db.version())
    }

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
    pub(super) async fn when_open<T, Fut>(
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
    pub(super) fn db_when_open(&self) -> Option<Result<Db, StoreError>> {
        match self.status.get() {
            DbStatus::Opening => None,
            _ => Some(self.db()),
        }
    }
}

async fn read_interactions(
    db: &Db,
    scope: InteractionScope,
) -> Result<Vec<Interaction>, StoreError> {
    match scope {
        InteractionScope::All => db.all().await,
        InteractionScope::Customer(id) => db.by_customer(id).await,
        InteractionScope::Day(day) => db.interactions_on(day).await,
    }
}
