//! The "owner" picker of list pages, kept in the URL's `owner` parameter.

use leptos::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::ui::url::{query_param, use_query_setter};

#[component]
pub fn OwnerFilter(#[prop(into)] owners: Signal<Vec<String>>, path: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let owner = query_param("owner");
    let set = use_query_setter(path);
    view! {
        <label class="filter">
            <span>{move || i18n.t(K::FieldOwner)}</span>
            <select class="input" data-testid="owner-filter" on:change=move |ev| set(&[("owner", Some(event_target_value(&ev)))])>
                <option value="" selected=move || owner.get().is_empty()>{move || i18n.t(K::FilterAny)}</option>
                {move || owners.get().into_iter().map(|o| {
                    let v = o.clone();
                    view! { <option value=o.clone() selected=move || owner.get() == v>{o.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
