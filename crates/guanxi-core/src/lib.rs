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
pub mod ids;
pub mod merge;
pub mod money;
pub mod opportunity;
pub mod pipeline;
pub mod query;
pub mod records;
pub mod reports;
pub mod sealed;
pub mod stages;
pub mod store;
pub mod validate;
pub mod vcard;
pub mod vcard_import;

pub use ids::{Id, Timestamp};
pub use records::*;
