//! Named reads. The cache's lists as every view sees them (trashed records left out: that is a
//! domain rule, not a view's choice) and the reads that go to storage (interactions, which are
//! not kept in memory, files and backups). Views never hold a storage handle.

use super::*;
use guanxi_core::customers::bulk::Everything;
use guanxi_core::customers::query::{filter_sort_scanned, search_customers_indexed, CustomerQuery};
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

/// The records a selector hands its closure.
pub type Each<'a, R> = dyn Iterator<Item = &'a R> + 'a;

/// Runs `f` over the records of a cached list that are (`live`) or are not in the trash
/// (tracked).
fn with_where<R, T>(list: RwSignal<Vec<R>>, live: bool, f: impl FnOnce(&mut Each<'_, R>) -> T) -> T
where
    R: Record + Send + Sync,
{
    list.with(|all| f(&mut all.iter().filter(|r| r.is_live() == live)))
}

/// The live records of a cached list that belong to `customer` (tracked).
fn live_of<R: Record + Send + Sync>(list: RwSignal<Vec<R>>, customer: Id) -> Vec<R> {
    with_where(list, true, |it| {
        it.filter(|r| r.customer_id() == customer)
            .cloned()
            .collect()
    })
}

/// One live record of a cached list by id (tracked).
fn live_one<R: Record + Send + Sync>(list: RwSignal<Vec<R>>, id: Id) -> Option<R> {
    list.with(|all| all.iter().find(|r| r.is_live() && r.id() == id).cloned())
}

impl Data {
    /// The customer list's ids for a search, a filter and an order (tracked), matched through
    /// the search index so a keystroke does not work out every customer's text again.
    pub fn list_customers(&self, list: CustomerQuery<'_>) -> Vec<Id> {
        // Read first: laying it out reads the customers itself.
        let scan = self.customer_scan.get();
        self.contacts.with(|contacts| {
            self.customers.with(|all| {
                self.search_index.with_value(|index| {
                    filter_sort_scanned(all, contacts, index, &scan.0, list)
                        .iter()
                        .map(|c| c.id)
                        .collect()
                })
            })
        })
    }

    /// Runs `f` over every cached list and the search index (tracked), for the search over
    /// everything. The contact log is not cached: `interactions` are the ones read for it.
    pub fn with_searchable<T>(
        &self,
        interactions: &[Interaction],
        f: impl FnOnce(Everything<'_>, &SearchIndex) -> T,
    ) -> T {
        self.customers.with(|customers| {
            self.contacts.with(|contacts| {
                self.opportunities.with(|opportunities| {
                    self.follow_ups.with(|follow_ups| {
                        self.cases.with(|cases| {
                            let all = Everything {
                                customers,
                                contacts,
                                opportunities,
                                follow_ups,
                                cases,
                                interactions,
                                ..Default::default()
                            };
                            self.search_index.with_value(|index| f(all, index))
                        })
                    })
                })
            })
        })
    }

    /// Up to `limit` live customers matching a search, most recently updated first, as
    /// for pickers (tracked).
    pub fn find_customers(&self, query: &str, limit: usize) -> Vec<Customer> {
        self.customers.with(|all| {
            self.search_index.with_value(|index| {
                search_customers_indexed(all, Some(index), query)
                    .into_iter()
                    .take(limit)
                    .cloned()
                    .collect()
            })
        })
    }

    pub fn live_customers<T>(&self, f: impl FnOnce(&mut Each<'_, Customer>) -> T) -> T {
        with_where(self.customers, true, f)
    }

    pub fn live_customer(&self, id: Id) -> Option<Customer> {
        live_one(self.customers, id)
    }

    pub fn trashed_customers<T>(&self, f: impl FnOnce(&mut Each<'_, Customer>) -> T) -> T {
        with_where(self.customers, false, f)
    }

    pub fn live_contacts<T>(&self, f: impl FnOnce(&mut Each<'_, Contact>) -> T) -> T {
        with_where(self.contacts, true, f)
    }

    pub fn contacts_of(&self, customer: Id) -> Vec<Contact> {
        live_of(self.contacts, customer)
    }

    pub fn live_follow_ups<T>(&self, f: impl FnOnce(&mut Each<'_, FollowUp>) -> T) -> T {
        with_where(self.follow_ups, true, f)
    }

    pub fn follow_ups_of(&self, customer: Id) -> Vec<FollowUp> {
        live_of(self.follow_ups, customer)
    }

    pub fn live_opportunities<T>(&self, f: impl FnOnce(&mut Each<'_, Opportunity>) -> T) -> T {
        with_where(self.opportunities, true, f)
    }

    pub fn live_opportunity(&self, id: Id) -> Option<Opportunity> {
        live_one(self.opportunities, id)
    }

    pub fn trashed_opportunities<T>(&self, f: impl FnOnce(&mut Each<'_, Opportunity>) -> T) -> T {
        with_where(self.opportunities, false, f)
    }

    pub fn live_cases<T>(&self, f: impl FnOnce(&mut Each<'_, ServiceCase>) -> T) -> T {
        with_where(self.cases, true, f)
    }

    pub fn live_case(&self, id: Id) -> Option<ServiceCase> {
        live_one(self.cases, id)
    }

    pub fn live_article(&self, id: Id) -> Option<Article> {
        live_one(self.articles, id)
    }

    pub fn live_campaigns<T>(&self, f: impl FnOnce(&mut Each<'_, Campaign>) -> T) -> T {
        with_where(self.campaigns, true, f)
    }

    pub fn live_campaign(&self, id: Id) -> Option<Campaign> {
        live_one(self.campaigns, id)
    }

    pub fn cases_of(&self, customer: Id) -> Vec<ServiceCase> {
        live_of(self.cases, customer)
    }

    /// Every record of a cached list that belongs to `customer`, trashed ones included
    /// (untracked): what a merge moves.
    pub fn every_record_of<R: Record + Send + Sync>(
        &self,
        list: RwSignal<Vec<R>>,
        customer: Id,
    ) -> Vec<R> {
        list.with_untracked(|all| {
            all.iter()
                .filter(|r| r.customer_id() == customer)
                .cloned()
                .collect()
        })
    }

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
