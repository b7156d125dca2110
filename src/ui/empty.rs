//! The friendly panel shown where a list has nothing in it.

use leptos::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::state::{use_data, DbStatus};

#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(optional)] children: Option<Children>,
    /// The panel is the whole page (not found), so its title is the page's heading.
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView {
    let title = move || title.get();
    let heading = if whole_page {
        view! { <h1 class="empty-title">{title}</h1> }.into_any()
    } else {
        view! { <h2 class="empty-title">{title}</h2> }.into_any()
    };
    view! {
        <div class="empty" data-testid="empty-state">
            <div class="empty-icon" aria-hidden="true">"○"</div>
            {heading}
            <p class="empty-body">{move || body.get()}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// What stands in for a list: the loading line while storage opens, or an empty panel when
/// `empty` names one (title, body, and whether it offers `actions`), else the list itself.
#[component]
pub fn ListGate(
    #[prop(into)] empty: Signal<Option<(K, K, bool)>>,
    /// Ways to add a first record, shown in a panel that asks for them.
    #[prop(optional)]
    actions: Option<ChildrenFn>,
    children: ChildrenFn,
) -> impl IntoView {
    let (i18n, data) = (use_i18n(), use_data());
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match empty.get() {
            Some((title, body, with_actions)) => {
                let actions = actions.clone().filter(|_| with_actions);
                view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(title).to_string())
                        body=Signal::derive(move || i18n.t(body).to_string())
                    >
                        {actions.map(|a| a())}
                    </EmptyState>
                }
                .into_any()
            }
            None => children().into_any(),
        }
    }
}
