//! Settings: team, pipeline stages, data limits, encryption, language and theme.

pub mod data;
pub mod encryption;
pub mod holidays;
pub mod page;
pub mod pipeline;
pub mod reasons;
pub mod service;
pub mod stage_row;
pub mod stages;
pub mod team;
pub mod value;
