//! Targeted marketing: who may not be contacted for it ([`opt_out`]) and the named groups of
//! customers it is aimed at ([`segments`]). Campaigns build on both: a campaign's audience is
//! a segment passed through [`opt_out::marketing_reachable`], and so is a holiday's greeting
//! list ([`greetings`]).

pub mod greetings;
pub mod opt_out;
pub mod segments;

pub use opt_out::{OptOut, OptOutChannel};
pub use segments::Segment;
