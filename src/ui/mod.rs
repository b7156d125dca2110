//! Widgets that two or more features use; anything used by one feature lives in that feature.

pub mod chart;
pub mod customer_pick;
pub mod dialog;
pub mod download;
pub mod empty;
pub mod file_pick;
pub mod focus;
pub mod form;
pub mod labeled_list;
pub mod link;
pub mod list;
pub mod save;
pub mod toast;
pub mod url;
