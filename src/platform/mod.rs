//! What talks to the browser: IndexedDB, WebCrypto, preferences in localStorage, the clock.

pub mod base;
pub mod clock;
pub mod crypto;
pub mod db;
pub mod prefs;
