//! Reading a file the user picked: one size limit, checked before any byte is read.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{store_error_text, I18n, K};
use crate::platform::db::backup::blob_bytes;

/// Larger files are refused before reading: no backup, CSV or vCard of a CRM comes near it,
/// and reading one would stall the page.
pub const MAX_FILE_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

/// The first file chosen in a file input.
pub fn chosen_file(input: NodeRef<leptos::html::Input>) -> Option<web_sys::File> {
    input.get_untracked()?.files()?.get(0)
}

/// The file's bytes, or a message for the user (too large, or unreadable).
pub async fn read_file(i18n: I18n, file: web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(i18n.t(K::FileTooBig).into());
    }
    let blob: web_sys::Blob = file.unchecked_into();
    blob_bytes(&blob)
        .await
        .map_err(|e| store_error_text(i18n, &e))
}

/// The top of a card that reads a file: its title, what it does, and the file input.
pub fn file_card_head(
    title: K,
    explain: K,
    accept: &'static str,
    input: NodeRef<leptos::html::Input>,
    testid: &'static str,
    on_file: impl FnMut(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <h2>{move || i18n.t(title)}</h2>
        <p class="muted small">{move || i18n.t(explain)}</p>
        <input class="input file" type="file" accept=accept node_ref=input data-testid=testid
            aria-label=move || i18n.t(title) on:change=on_file/>
    }
}

/// The error a file card shows, if any, as an alert with test id `testid`.
pub fn file_error(error: RwSignal<Option<String>>, testid: &'static str) -> impl IntoView {
    move || {
        error.get().map(
            |e| view! { <div class="alert alert-error" role="alert" data-testid=testid>{e}</div> },
        )
    }
}
