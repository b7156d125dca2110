//! One folder per capability: where a user-facing thing lives is the folder named after it.

pub mod analysis;
pub mod customers;
pub mod daily;
pub mod data;
pub mod marketing;
pub mod pipeline;
pub mod search;
pub mod service;
pub mod settings;
pub mod system;
