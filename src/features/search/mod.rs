//! Search everything: Ctrl/Cmd+K (or the header's button) opens one box over customers,
//! contacts, deals, follow-ups, service cases and the contact log, driven from the keyboard,
//! with the results grouped by kind. Matching is the search index's (text, digits, pinyin).

mod dialog;

use leptos::prelude::*;

use crate::i18n::{use_i18n, K};

#[component]
pub fn GlobalSearch() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || key.remove());
    view! {
        <button type="button" class="btn btn-ghost global-search" data-testid="global-search"
            title=move || i18n.t(K::GlobalSearchHint) aria-label=move || i18n.t(K::GlobalSearch)
            aria-keyshortcuts="Control+K Meta+K" on:click=move |_| open.set(true)>
            // A magnifier; on a phone the word is hidden and the icon alone stays.
            <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
                <circle cx="7" cy="7" r="4.5"/><path d="M10.5 10.5 14 14"/>
            </svg>
            <span class="btn-label">{move || i18n.t(K::GlobalSearch)}</span>
        </button>
        {move || open.get().then(|| view! { <dialog::SearchDialog open=open/> })}
    }
}
