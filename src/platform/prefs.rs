//! Small preferences kept in localStorage (never records: those live in IndexedDB).

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

/// The browser's name for a localStorage failure (e.g. `QuotaExceededError`, or
/// `NS_ERROR_DOM_QUOTA_REACHED` in Firefox), which the user sees in the message.
fn error_name(error: StorageError) -> String {
    match error {
        StorageError::JsError(e) => e.name,
        other => other.to_string(),
    }
}

use crate::i18n::Lang;

const LANG_KEY: &str = "guanxi.lang";
const THEME_KEY: &str = "guanxi.theme";
const LAST_BACKUP_KEY: &str = "guanxi.lastBackup";
const FIRST_SAVE_KEY: &str = "guanxi.firstSave";
const VERSION_KEY: &str = "guanxi.version";

/// Whether this page is a newer build than the one last opened in this browser (its version is
/// stamped into index.html by tools/offline.mjs), remembering this one. A first visit, or a
/// build without a version (trunk serve), is not an update.
pub fn take_update() -> bool {
    let Some(version) = leptos::prelude::document()
        .query_selector("meta[name=guanxi-version]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|v| !v.is_empty())
    else {
        return false;
    };
    let last = LocalStorage::get::<String>(VERSION_KEY).ok();
    if last.as_deref() == Some(version.as_str()) {
        return false;
    }
    let _ = LocalStorage::set(VERSION_KEY, &version);
    last.is_some()
}

/// When data was first saved in this browser (ms), the start of the "no backup yet" clock.
pub fn first_save() -> Option<i64> {
    LocalStorage::get::<i64>(FIRST_SAVE_KEY).ok()
}

/// Records the first save once; later calls keep the first time.
pub fn note_first_save(millis: i64) {
    if first_save().is_none() {
        let _ = LocalStorage::set(FIRST_SAVE_KEY, millis);
    }
}

/// When the last backup file was made here (ms since the epoch), if ever.
pub fn last_backup() -> Option<i64> {
    LocalStorage::get::<i64>(LAST_BACKUP_KEY).ok()
}

pub fn set_last_backup(millis: i64) -> Result<(), String> {
    LocalStorage::set(LAST_BACKUP_KEY, millis).map_err(error_name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    fn tag(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The saved language, else the browser's, else Chinese (the course audience's default).
pub fn initial_lang() -> Lang {
    if let Ok(tag) = LocalStorage::get::<String>(LANG_KEY) {
        if let Some(lang) = Lang::from_tag(&tag) {
            return lang;
        }
    }
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_tag(&browser).unwrap_or(Lang::ZhCn)
}

/// Remembers the language. A full localStorage only loses the preference, never data, so the
/// error is returned for the caller to mention rather than to block anything.
pub fn save_lang(lang: Lang) -> Result<(), String> {
    LocalStorage::set(LANG_KEY, lang.tag()).map_err(error_name)
}

pub fn initial_theme() -> Theme {
    match LocalStorage::get::<String>(THEME_KEY).as_deref() {
        Ok("light") => Theme::Light,
        Ok("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

pub fn save_theme(theme: Theme) -> Result<(), String> {
    LocalStorage::set(THEME_KEY, theme.tag()).map_err(error_name)
}

/// Applies the theme and language to the document root, where CSS and screen readers see them.
pub fn apply_to_document(theme: Theme, lang: Lang) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("data-theme", theme.tag());
    let _ = root.set_attribute("lang", lang.tag());
}

/// Tells the user a preference could not be kept; it still applies until the page closes.
pub fn report(
    i18n: crate::i18n::I18n,
    toasts: crate::ui::toast::Toasts,
    result: Result<(), String>,
) {
    if let Err(name) = result {
        toasts.error(i18n.fmt(crate::i18n::K::PrefNotSaved, &[("name", &name)]));
    }
}
