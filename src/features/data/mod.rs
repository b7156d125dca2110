//! Data in and out: CSV and vCard import, exports, backup and restore.

pub mod backup_encrypt;
pub mod csv_import;
pub mod csv_report;
pub mod page;
pub mod restore;
pub mod vcard_import;
