//! One page per file.

pub mod care;
pub mod customer_detail;
pub mod customer_form;
pub mod customers;
pub mod daily_report;
pub mod data;
pub mod follow_ups;
pub mod forecast;
pub mod not_found;
pub mod opportunities;
pub mod opportunity_form;
pub mod opportunity_list;
pub mod settings;
pub mod trash;
pub mod visit_plan;
