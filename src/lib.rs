//! Guanxi's browser app: Leptos views over the pure domain in `guanxi-core`.

pub mod app;
pub mod clock;
pub mod components;
pub mod crypto;
pub mod db;
pub mod db_backup;
pub mod i18n;
pub mod pages;
pub mod prefs;
pub mod state;

/// Mounts the app on the page. Panics are logged to the console with their message and place.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
