//! Screens the app shows about itself: trash, not found, recovery and unlock.

pub mod not_found;
pub mod recovery;
pub mod trash;
pub mod trashed;
pub mod unlock;
