//! Selling: opportunities and the stages they move through, and the pipeline read as the
//! board, the forecast and the list a sales team works from.

pub mod board;
pub mod collections;
pub mod commands;
pub mod forecast;
pub mod forms;
pub mod list;
pub mod opportunity;
pub mod stages;
pub mod stale;
