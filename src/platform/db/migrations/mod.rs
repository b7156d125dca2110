//! The schema's numbered steps, one file each, run inside the browser's upgrade transaction
//! so a failing step leaves the old version intact.

mod m1_initial_stores;
mod m2_date_indexes;
mod m3_settings_and_attachments;
mod m4_opportunities;
mod m5_cases;
mod m6_campaigns;

use idb::Database;

use m1_initial_stores::migrate_1_initial_stores;
use m2_date_indexes::migrate_2_date_indexes;
use m3_settings_and_attachments::migrate_3_settings_and_attachments;
use m4_opportunities::migrate_4_opportunities;
use m5_cases::migrate_5_cases;
use m6_campaigns::migrate_6_campaigns;

/// One schema step. It runs inside the upgrade transaction, with the database as it was after
/// the previous step. Steps are append-only: never edit one that has shipped.
pub type Migration = fn(&Database, &idb::Transaction) -> Result<(), idb::Error>;

/// Numbered migrations: entry `n - 1` upgrades version `n - 1` to version `n`.
pub const MIGRATIONS: &[Migration] = &[
    migrate_1_initial_stores,
    migrate_2_date_indexes,
    migrate_3_settings_and_attachments,
    migrate_4_opportunities,
    migrate_5_cases,
    migrate_6_campaigns,
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

pub(super) const BY_CUSTOMER: &str = "by_customer";

pub(super) const BY_UPDATED: &str = "by_updated";

/// Follow-ups by due date, for the overdue / today / next-7-days views.
pub const BY_DUE: &str = "by_due";

/// Interactions by time, for the daily report.
pub const BY_AT: &str = "by_at";

/// Opportunities by close date, for the forecast by month.
pub const BY_CLOSE: &str = "by_close";

pub(super) const BY_INTERACTION: &str = "by_interaction";

pub(super) fn run_migrations(
    event: &idb::event::VersionChangeEvent,
    migrations: &[Migration],
) -> Result<(), idb::Error> {
    let old = event.old_version()?;
    let new = event.new_version()?.unwrap_or(old);
    let request = idb::Event::target(event)?;
    let db = request.database()?;
    let tx = idb::Request::transaction(&request).ok_or(idb::Error::EventTargetNotFound)?;
    for version in old + 1..=new {
        let step = migrations
            .get(version as usize - 1)
            .ok_or(idb::Error::InvalidStorageType)?;
        step(&db, &tx)?;
    }
    Ok(())
}
