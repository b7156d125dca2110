use leptos::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::ui::empty::EmptyState;
use crate::ui::link::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EmptyState
            whole_page=true
            title=Signal::derive(move || i18n.t(K::NotFoundTitle).to_string())
            body=Signal::derive(move || i18n.t(K::NotFoundBody).to_string())
        >
            <A href="/customers" attr:class="btn">{move || i18n.t(K::BackToList)}</A>
        </EmptyState>
    }
}
