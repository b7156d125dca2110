//! Guanxi's domain, free of any browser code so it builds and tests natively.

pub mod commands;
pub mod forms;
pub mod ids;
pub mod query;
pub mod records;
pub mod store;
pub mod validate;

pub use ids::{Id, Timestamp};
pub use records::*;
