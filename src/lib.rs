//! Guanxi's browser app: Leptos views over the pure domain in `guanxi-core`.
//!
//! `features/` holds one folder per capability, `ui/` the widgets two or more features share,
//! `platform/` what talks to the browser (IndexedDB, crypto, files, preferences, clock) and
//! `state/` the in-memory cache and the one write path. ARCHITECTURE.md draws the data flow.

pub mod app;
pub mod features;
pub mod i18n;
pub mod platform;
pub mod state;
pub mod ui;

/// Mounts the app on the page, then takes away the static shell `index.html` painted while the
/// WebAssembly downloaded: the app's first render is synchronous, so no frame shows both or
/// neither. Panics are logged to the console with their message and place.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
