//! One page per file.

pub mod customer_detail;
pub mod customer_form;
pub mod customers;
pub mod follow_ups;
pub mod not_found;
pub mod settings;
