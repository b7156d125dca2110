//! Finding one customer by typing: a search box and up to eight matches to choose from, for
//! the merge dialog and the customer form's "referred by".

use guanxi_core::Id;
use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::save::{use_kit, Kit};

/// `picked` holds the choice; `exclude` is left out of the matches (the customer itself).
/// The test ids are `{testid}-search` and `{testid}-candidate`.
#[component]
pub fn CustomerPick(
    picked: RwSignal<Option<Id>>,
    #[prop(optional)] exclude: Option<Id>,
    testid: &'static str,
    /// The accessible name of the search box.
    label: K,
    /// Called with each choice, for a form that keeps the choice elsewhere.
    #[prop(optional)]
    on_pick: Option<Callback<Id>>,
) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let query = RwSignal::new(String::new());
    let candidates = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        data.find_customers(&q, 9)
            .into_iter()
            .filter(|c| Some(c.id) != exclude)
            .take(8)
            .map(|c| (c.id, c.name))
            .collect::<Vec<_>>()
    });
    let group = format!("{testid}-pick");
    view! {
        <input class="input" data-testid=format!("{testid}-search") aria-label=move || i18n.t(label)
            placeholder=move || i18n.t(K::SearchPlaceholder)
            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        <ul class="pick-list">
            {move || {
                let group = group.clone();
                candidates.get().into_iter().map(|(cid, cname)| view! {
                    <li>
                        <label>
                            <input type="radio" name=group.clone() data-testid=format!("{testid}-candidate")
                                prop:checked=move || picked.get() == Some(cid) on:change=move |_| {
                                    picked.set(Some(cid));
                                    if let Some(f) = on_pick {
                                        f.run(cid);
                                    }
                                }/>
                            {cname}
                        </label>
                    </li>
                }).collect_view()
            }}
        </ul>
    }
}
