//! Getting data in and out of the app: backups (plain and sealed), CSV, vCard and calendar
//! files, in the formats other tools and Excel on Chinese Windows actually read and write.

pub mod backup;
pub mod csv_export;
pub mod csv_import;
pub mod gb18030;
pub mod ics;
pub mod sealed;
pub mod vcard;
pub mod vcard_import;
