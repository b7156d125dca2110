//! Guanxi's domain, free of any browser code so it builds and tests natively.
//!
//! One folder per capability: [`customers`], [`activity`] (contact log, follow-ups, care),
//! [`pipeline`] (opportunities) and [`io`] (files in and out). [`model`] is what they all
//! share, [`store`] the storage contract, [`demo`] the demo data.

pub mod activity;
pub mod customers;
pub mod demo;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod store;

pub use model::ids::{Id, Timestamp};
pub use model::records::*;

// Old flat paths, kept until the app is moved over. Code inside this crate, its tests and its
// fuzz targets use the new paths; delete a line once nothing outside the crate uses it.
pub use activity::care;
pub use activity::daily_report as reports;
pub use customers::{bulk, completeness, duplicates, merge, query};
pub use io::{backup, csv_export, csv_import, gb18030, ics, sealed, vcard, vcard_import};
pub use model::{ids, money, records, validate};
pub use pipeline::{opportunity, stages};

/// Old flat path: forms.rs, now split by capability.
pub mod forms {
    pub use crate::activity::forms::*;
    pub use crate::customers::forms::*;
    pub use crate::model::form::{join_tags, split_tags, TAG_SEPARATORS};
    pub use crate::pipeline::forms::*;
}

/// Old flat path: commands.rs, now split by capability.
pub mod commands {
    pub use crate::activity::commands::*;
    pub use crate::customers::commands::*;
    pub use crate::model::trash::*;
    pub use crate::pipeline::commands::*;
}
