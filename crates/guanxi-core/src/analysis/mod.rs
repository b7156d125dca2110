//! Analysis as the course teaches it: pure functions over values the caller has gathered, each
//! result carrying its inputs so a screen can show the working.
//!
//! Common rules: records in the trash and customers merged into another are left out of every
//! figure ([`scope`]); money is added in integer minor units of the default currency only, and
//! deals in another currency are listed as left out rather than converted; ratios are exact
//! fractions ([`ratio::Ratio`]) with a rounded percent for display.

pub mod abc;
pub mod clv_data;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod funnel;
pub mod growth;
pub mod lifetime;
pub mod period;
pub mod period_key;
pub mod pivot;
pub mod pivot_url;
pub mod ratio;
pub mod sales_control;
pub mod scope;
pub mod value;
