//! Selling: opportunities and the stages they move through, and the pipeline read as the
//! board, the forecast and the list a sales team works from.

pub mod list;
pub mod opportunity;
pub mod stages;

// Old flat path: `guanxi_core::pipeline::X` was pipeline.rs. Kept until the app is moved over.
pub use list::*;
