//! What every capability builds on: ids, the stored records, money and the rules for a single
//! value. Nothing here knows about a workflow, so every other folder may depend on it.

pub mod form;
pub mod ids;
pub mod money;
pub mod records;
pub mod trash;
pub mod url_enum;
pub mod validate;
