//! Search: the customer search index (folded text, phone digits and pinyin, built once and
//! kept up to date record by record) and the pinyin it uses, which also orders Chinese names.

pub mod global;
pub mod index;
pub mod pinyin;
pub mod scan;

pub use index::{fold_search, query_terms, RecordText, SearchIndex, Searchable, Words};
pub use scan::CustomerScan;
