//! Targeted marketing: who may not be contacted for it ([`opt_out`]), the named groups of
//! customers it is aimed at ([`segments`]), the campaigns aimed at them ([`campaign`]) with
//! what they achieved ([`roi`]) and the lead lists they bring in ([`leads`]), and holiday
//! greeting lists ([`greetings`]). Every audience passes through
//! [`opt_out::marketing_reachable`].

pub mod campaign;
pub mod greetings;
pub mod leads;
pub mod mail_merge;
pub mod opt_out;
pub mod roi;
pub mod segments;

#[cfg(test)]
mod campaign_tests;

pub use campaign::{Campaign, CampaignKind, Response};
pub use opt_out::{OptOut, OptOutChannel};
pub use segments::Segment;
