//! App-wide data: the open database and the records the pages list.
//!
//! A change always flows: event → core command (validated) → [`Data::save`] (one storage
//! transaction) → then the in-memory lists are patched. Nothing is shown as saved before the
//! transaction has committed.

use guanxi_core::marketing::Campaign;
use guanxi_core::search::{CustomerScan, SearchIndex};
use guanxi_core::service::case::ServiceCase;
use guanxi_core::service::knowledge::Article;
use guanxi_core::store::{Store, StoreError};
use guanxi_core::{Contact, Customer, FollowUp, Opportunity, Record, Settings};
use leptos::prelude::*;
use std::sync::Arc;

use crate::platform::db::Db;

mod load;
mod selectors;
mod session;
mod tabs;
mod write;

pub use selectors::{InteractionScope, Pending};
pub use write::{Change, Committed};

#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready,
    /// The data can be read (and exported) but never written, for the reason given: this build
    /// is older than the stored data, or a newer build in another tab has taken over.
    ReadOnly(StoreError),
    /// The database opened but its records could not be read: the recovery screen offers to
    /// export what is readable and to restore a backup, and nothing is written on its own.
    Recovery(StoreError),
    /// The data is encrypted: nothing is read until the passphrase is given.
    Locked,
    /// Storage could not be opened (or the connection was lost and could not be reopened):
    /// the app runs, but nothing can be saved.
    Failed(StoreError),
}

/// The records and connection shared by all pages, provided as context.
#[derive(Clone, Copy)]
pub struct Data {
    db: StoredValue<Option<Db>, LocalStorage>,
    pub status: RwSignal<DbStatus>,
    /// Every customer, trashed ones included (pages filter); loaded once at start.
    pub customers: RwSignal<Vec<Customer>>,
    /// Every follow-up, for the day's-work views.
    pub follow_ups: RwSignal<Vec<FollowUp>>,
    /// Every contact, for organisation trees, birthdays and visit plans.
    pub contacts: RwSignal<Vec<Contact>>,
    /// Every opportunity, for the board, the list and the forecast.
    pub opportunities: RwSignal<Vec<Opportunity>>,
    /// Every service case, for the case list, the customer page and the service figures.
    pub cases: RwSignal<Vec<ServiceCase>>,
    /// Every knowledge-base article.
    pub articles: RwSignal<Vec<Article>>,
    /// Every marketing campaign, with its members.
    pub campaigns: RwSignal<Vec<Campaign>>,
    /// What a search matches in each customer (text, phone digits, pinyin), kept up to date
    /// with every write rather than worked out on each keystroke. Updated before `customers`
    /// is, so whatever re-runs on that change finds it current.
    search_index: StoredValue<SearchIndex>,
    /// The customers' search text end to end and their order by name, laid out again from
    /// the index when the customers change (on the next read), so a keystroke in the list
    /// neither visits each customer's entry nor sorts by name.
    customer_scan: Memo<SharedScan>,
    /// Owners, care thresholds and limits; saved with the data.
    pub settings: RwSignal<Settings>,
    /// Bumped after every committed write of interactions, so pages that read them refetch.
    pub interactions_changed: RwSignal<u64>,
    persist_asked: StoredValue<bool>,
    /// Set when the browser closed the connection by itself: the next write reopens first.
    connection_lost: StoredValue<bool>,
    /// Tells other tabs of this origin that the data changed, so they re-read it.
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// A re-read asked for by another tab is already scheduled (several writes, one re-read).
    refresh_scheduled: StoredValue<bool>,
    /// Settings changes committed but not yet written (their count, and the newest): an edit
    /// made meanwhile builds on the newest, so a quick second edit never drops the first.
    settings_in_flight: StoredValue<(u32, Option<Settings>)>,
    /// Whether the data is encrypted at rest (and unlocked in this tab).
    pub encrypted: RwSignal<bool>,
    /// False when this build is older than the data: unlocking then leads to read-only.
    writable: StoredValue<bool>,
}

/// A [`CustomerScan`] handed on without copying; two are equal only when they are the same
/// layout, since comparing the buffers would cost as much as building them.
#[derive(Clone)]
pub struct SharedScan(Arc<CustomerScan>);

impl PartialEq for SharedScan {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

pub fn use_data() -> Data {
    expect_context::<Data>()
}

impl Data {
    pub fn new() -> Self {
        let customers = RwSignal::new(Vec::new());
        let search_index = StoredValue::new(SearchIndex::default());
        // The index is brought up to date before the customers are, so this lays out what
        // the new list holds.
        let customer_scan = Memo::new(move |_| {
            customers.with(|all| {
                search_index
                    .with_value(|index| SharedScan(Arc::new(CustomerScan::build(all, index))))
            })
        });
        Data {
            db: StoredValue::new_local(None),
            status: RwSignal::new(DbStatus::Opening),
            customers,
            follow_ups: RwSignal::new(Vec::new()),
            contacts: RwSignal::new(Vec::new()),
            opportunities: RwSignal::new(Vec::new()),
            cases: RwSignal::new(Vec::new()),
            articles: RwSignal::new(Vec::new()),
            campaigns: RwSignal::new(Vec::new()),
            search_index,
            customer_scan,
            settings: RwSignal::new(Settings::default()),
            interactions_changed: RwSignal::new(0),
            persist_asked: StoredValue::new(false),
            connection_lost: StoredValue::new(false),
            channel: StoredValue::new_local(None),
            refresh_scheduled: StoredValue::new(false),
            settings_in_flight: StoredValue::new((0, None)),
            encrypted: RwSignal::new(false),
            writable: StoredValue::new(true),
        }
    }
}

impl Default for Data {
    fn default() -> Self {
        Data::new()
    }
}

/// What the pages keep in memory, read in one go at start. Pages combine customers with the
/// other records, so none is shown before all are in (a care list without the contacts'
/// birthdays, a figure without the deals, would be wrong for a moment).
struct Loaded {
    first: FirstLoaded,
    rest: RestLoaded,
}

/// What the customer list needs.
struct FirstLoaded {
    customers: Vec<Customer>,
    settings: Settings,
}

/// Everything else the pages keep in memory (the contact log and files are read on demand).
struct RestLoaded {
    follow_ups: Vec<FollowUp>,
    contacts: Vec<Contact>,
    opportunities: Vec<Opportunity>,
    cases: Vec<ServiceCase>,
    articles: Vec<Article>,
    campaigns: Vec<Campaign>,
}

impl Loaded {
    async fn read(db: &Db) -> Result<Loaded, StoreError> {
        Ok(Loaded {
            first: FirstLoaded::read(db).await?,
            rest: RestLoaded::read(db).await?,
        })
    }
}

impl FirstLoaded {
    async fn read(db: &Db) -> Result<FirstLoaded, StoreError> {
        Ok(FirstLoaded {
            customers: db.all::<Customer>().await?,
            settings: db.settings().await?,
        })
    }
}

impl RestLoaded {
    async fn read(db: &Db) -> Result<RestLoaded, StoreError> {
        Ok(RestLoaded {
            follow_ups: db.all::<FollowUp>().await?,
            contacts: db.all::<Contact>().await?,
            opportunities: db.all::<Opportunity>().await?,
            cases: db.all::<ServiceCase>().await?,
            articles: db.all::<Article>().await?,
            campaigns: db.all::<Campaign>().await?,
        })
    }
}

/// Replaces the record with the same id, or appends it.
fn upsert<R: Record + Send + Sync>(list: RwSignal<Vec<R>>, record: R) {
    list.update(
        |items| match items.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => items.push(record),
        },
    );
}

/// Drops the purged records from a cached list.
pub(crate) fn forget<R: Record + Send + Sync>(
    list: RwSignal<Vec<R>>,
    gone: &std::collections::HashSet<(guanxi_core::RecordKind, guanxi_core::Id)>,
) {
    if gone.iter().any(|(kind, _)| *kind == R::KIND) {
        list.update(|v| v.retain(|r| !gone.contains(&(R::KIND, r.id()))));
    }
}
