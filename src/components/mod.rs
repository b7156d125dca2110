//! Pieces shared by several pages.

pub mod empty;
pub mod form;
pub mod toast;
