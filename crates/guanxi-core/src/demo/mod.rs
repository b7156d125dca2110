//! Demo data: a realistic, reproducible customer base for trying the app, screenshots and
//! performance tests.
//!
//! Deterministic on purpose: the same `(count, lang, seed, today, now)` always gives the same
//! records, ids included, so screenshots and bug reports can be reproduced exactly. Randomness
//! comes from a tiny SplitMix64 generator rather than the `rand` crate, because this crate
//! compiles to wasm and every dependency is download size.
//!
//! Every generated record passes its form's validation and is stored exactly as the form would
//! store it (trimmed, width-folded), so editing a demo record never meets an error the user
//! did not cause. Phone numbers are random but well-formed; English ones use the ranges
//! reserved for fiction where one exists (UK 020 7946 0xxx, 07700 900xxx; US 555).
//!
//! The data covers 24 months: customers join over that time with a lifecycle history each
//! (`history`), their deals and collections follow that history (`deals`), and value classes
//! are the ABC classes of what each customer bought in the last 12 months, so the course's
//! analyses (value classes, growth and churn, funnel, lifetime profit) have something to show.

mod campaigns;
mod cases;
mod deals;
mod generator;
mod history;
#[cfg(test)]
mod history_tests;
mod segments;
mod tables;

pub use generator::{demo_settings, generate, DemoData, DemoLang, DEMO_GROSS_MARGIN_PERCENT};
