//! Customers: the list with its filters and bulk actions, the form, and the detail page
//! (contacts, timeline, interactions, follow-ups, deals).

pub mod bulk_bar;
pub mod detail;
pub mod filters;
pub mod form;
pub mod list;
