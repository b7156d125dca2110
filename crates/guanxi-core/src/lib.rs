//! Guanxi's domain, free of any browser code so it builds and tests natively.
//!
//! One folder per capability: [`customers`], [`activity`] (contact log, follow-ups, care),
//! [`pipeline`] (opportunities) and [`io`] (files in and out). [`model`] is what they all
//! share, [`marketing`] the opt-outs and segments campaigns use, [`analysis`] the course's
//! figures, [`store`] the storage contract, [`demo`] the demo data.

pub mod activity;
pub mod analysis;
pub mod customers;
pub mod demo;
pub mod io;
pub mod marketing;
pub mod model;
pub mod pipeline;
pub mod scenarios;
pub mod search;
pub mod service;
pub mod store;

pub use marketing::{OptOut, OptOutChannel, Segment};
pub use model::ids::{Id, Timestamp};
pub use model::records::*;
