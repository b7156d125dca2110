//! The customer list itself: entering and editing customers and their contacts, finding them,
//! keeping the list clean (duplicates, completeness, merges) and changing many at once.

pub mod bulk;
pub mod commands;
pub mod completeness;
pub mod duplicates;
pub mod forms;
pub mod lifecycle;
pub mod lifetime_form;
pub mod list_url;
pub mod merge;
pub mod query;
