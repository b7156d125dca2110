//! Pieces shared by several pages.

pub mod bulk_bar;
pub mod contacts;
pub mod csv_import;
pub mod customer_actions;
pub mod customer_filters;
pub mod dialog;
pub mod download;
pub mod empty;
pub mod file_pick;
pub mod follow_up_actions;
pub mod follow_up_form;
pub mod form;
pub mod import_text;
pub mod interactions;
pub mod links;
pub mod owner_filter;
pub mod recovery;
pub mod restore;
pub mod settings_data;
pub mod settings_team;
pub mod timeline;
pub mod toast;
pub mod url;
pub mod vcard_import;
