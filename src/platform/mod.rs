//! What talks to the browser: IndexedDB, WebCrypto, preferences in localStorage, the clock.

pub mod clock;
pub mod crypto;
pub mod db;
pub mod prefs;
