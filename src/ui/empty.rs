//! The friendly panel shown where a list has nothing in it.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty" data-testid="empty-state">
            <div class="empty-icon" aria-hidden="true">"○"</div>
            <h2 class="empty-title">{move || title.get()}</h2>
            <p class="empty-body">{move || body.get()}</p>
            {children.map(|c| c())}
        </div>
    }
}
