//! Guanxi's domain, free of any browser code so it builds and tests natively.

pub mod backup;
pub mod bulk;
pub mod care;
pub mod commands;
pub mod completeness;
pub mod csv_export;
pub mod csv_import;
pub mod demo;
pub mod duplicates;
pub mod forms;
pub mod gb18030;
pub mod ics;
pub mod merge;
pub mod model;
pub mod opportunity;
pub mod pipeline;
pub mod query;
pub mod reports;
pub mod sealed;
pub mod stages;
pub mod store;
pub mod vcard;
pub mod vcard_import;

pub use model::ids::{Id, Timestamp};
pub use model::records::*;

// Old flat paths, kept until the app is moved over. Code inside this crate, its tests and its
// fuzz targets use the new paths; delete a line once nothing outside the crate uses it.
pub use model::{ids, money, records, validate};
